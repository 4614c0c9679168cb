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

    /// <summary>A value stored as JSON text is a <c>jsonb</c> column on PostgreSQL; the other providers keep their text type.</summary>
    public static void ApplyProviderColumnTypes(this ModelBuilder modelBuilder, string? providerName)
    {
        if (providerName != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()).Where(p => p.GetValueConverter() is IJsonColumn))
            property.SetColumnType("jsonb");
    }
}

/// <summary>A value converter that stores its value as JSON text.</summary>
internal interface IJsonColumn;
