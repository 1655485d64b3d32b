namespace PushAuth.Persistence.Postgres;

/// <summary>One step of the schema, applied once per database in <see cref="Version"/> order.</summary>
/// <param name="Version">Position of the step; recorded in <c>pushauth_schema_migrations</c>.</param>
/// <param name="Name">What the step creates.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
public sealed record PostgresMigration(int Version, string Name, string Sql);
