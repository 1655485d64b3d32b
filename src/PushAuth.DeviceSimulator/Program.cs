using PushAuth.DeviceSimulator;

// The authenticator app from the command line; every command is in SimulatorCli (usage: run without arguments).
return await SimulatorCli.RunAsync(args, Console.Out, Console.Error, Console.In);
