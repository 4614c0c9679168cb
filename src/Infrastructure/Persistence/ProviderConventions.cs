using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MentorCloud.Infrastructure.Persistence;

internal static class ProviderConventions
{
    /// <summary>SQLite cannot compare or order DateTimeOffset text, so it stores UTC ticks instead.</summary>
    public static void ApplyProviderConventions(this ModelConfigurationBuilder configurationBuilder, string? providerName)
    {
        if (providerName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
