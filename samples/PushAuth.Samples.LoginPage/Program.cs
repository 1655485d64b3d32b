using PushAuth.Samples.LoginPage;

// dotnet run --project samples/PushAuth.Samples.LoginPage -- --Sample:ApiKey=pak_…   (http://localhost:5090)
WebApplication app;
try
{
    app = LoginSampleApp.Create(args);
}
catch (InvalidOperationException ex)
{
    // A missing or wrong setting: one line, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}
await app.RunAsync();
return 0;
