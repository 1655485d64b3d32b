using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Postgres.Tests.Conformance;

/// <summary>Orleans' ADO.NET reminder table on our schema, built by the provider's own registration with a service id
/// of its own (so no silo's reminder service loads these rows).</summary>
public sealed class PostgresReminderTableConformanceTests(PostgresDatabaseFixture database)
    : ReminderTableConformance, IClassFixture<PostgresDatabaseFixture>
{
    private ServiceProvider? _services;

    protected override Task<IReminderTable> CreateTableAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = $"reminders-{Guid.NewGuid():N}";
            o.ClusterId = "conformance";
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = PostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = database.ConnectionString;
        }));
        _services = services.BuildServiceProvider();
        return Task.FromResult(_services.GetRequiredService<IReminderTable>());
    }

    protected override async Task DisposeTableAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
