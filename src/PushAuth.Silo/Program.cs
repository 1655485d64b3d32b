using PushAuth.Silo;

var app = SiloApplication.Create(args);
app.Run();

/// <summary>Entry point; public so WebApplicationFactory-based tests can find it.</summary>
public partial class Program;
