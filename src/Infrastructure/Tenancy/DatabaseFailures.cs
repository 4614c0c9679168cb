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
}
