using System.Data.Common;

namespace MentorCloud.Infrastructure.Tenancy;

public static class DatabaseFailures
{
    /// <summary>True when the exception, or one it wraps, comes from a database driver (whichever provider is configured).</summary>
    public static bool IsDatabaseFailure(Exception failure) => DriverErrors(failure).Any();

    /// <summary>
    /// True when the driver says trying again may succeed (a refused or broken connection, a server shutting down):
    /// <see cref="DbException.IsTransient"/> on the exception or one it wraps.
    /// </summary>
    public static bool IsTransient(Exception failure) => DriverErrors(failure).Any(ex => ex.IsTransient);

    /// <summary>The driver exceptions in the chain of inner exceptions, outermost first.</summary>
    private static IEnumerable<DbException> DriverErrors(Exception failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
            if (ex is DbException driver) yield return driver;
    }
}
