using System.Runtime.InteropServices;

namespace PushAuth.Push.Fakes;

/// <summary>Standalone entry point: starts both fakes and writes their credentials for a silo to use.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        // Ctrl+C, and SIGTERM from a supervisor or `timeout`.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await StandaloneFakes.RunAsync(args, Console.Out, stop.Token).ConfigureAwait(false);
    }
}
