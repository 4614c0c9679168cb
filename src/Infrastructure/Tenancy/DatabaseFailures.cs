using System.Data.Common;

namespace MentorCloud.Infrastructure.Tenancy;

public static class DatabaseFailures
{
    /// <summary>True when the exception, or one it wraps, comes from a database driver (whichever provider is configured).</summary>
    public static bool IsDatabaseFailure(Exception failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
            if (ex is DbException) return true;
        return false;
    }

    /// <summary>
    /// True when the driver says trying again may succeed (a refused or broken connection, a server shutting down):
    /// <see cref="DbException.IsTransient"/> on the exception or one it wraps.
    /// </summary>
    public static bool IsTransient(Exception failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
            if (ex is DbException { IsTransient: true }) return true;
        return false;
    }
}
