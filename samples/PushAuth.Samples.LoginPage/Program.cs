using PushAuth.Samples.LoginPage;

// dotnet run --project samples/PushAuth.Samples.LoginPage -- --Sample:ApiKey=pak_…   (http://localhost:5090)
var app = LoginSampleApp.Create(args);
await app.RunAsync();
