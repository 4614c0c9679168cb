using MentorCloud.Infrastructure.Persistence;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// <c>dotnet MentorCloud.WebApi.dll migrate</c>: migrates the catalog, the shared school database and every dedicated
/// one, once, before replicas that run with <c>Database:MigrateOnStartup=false</c> start. Exit code 0 when everything was
/// migrated, 1 when the catalog or shared database failed, 2 when one or more dedicated databases failed.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, ILogger logger)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        try
        {
            var failed = await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(stop.Token);
            if (failed > 0)
            {
                logger.LogError("Migrations: {Failed} dedicated school database(s) could not be migrated", failed);
                return 2;
            }
            logger.LogInformation("Migrations applied to the catalog, the shared school database and every dedicated one");
            return 0;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Migrations of the catalog or the shared school database failed");
            return 1;
        }
    }
}
