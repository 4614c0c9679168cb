namespace MentorCloud.Application.Common.Tenancy;

/// <summary>What the platform knows of a school (tenant) while serving it.</summary>
/// <param name="Id">The school id; every school-owned row carries it.</param>
/// <param name="Identifier">The school code used in routes.</param>
/// <param name="ConnectionString">A dedicated database, or null for the shared one. Never leaves the server.</param>
public sealed record TenantInfo(Guid Id, string Identifier, string Name, Guid DistrictId, string DistrictCode, string? ConnectionString)
{
    public static TenantInfo For(Domain.Schools.School school, Domain.Districts.District district) =>
        new(school.Id, school.Code, school.Name, district.Id, district.Code, school.ConnectionString);
}

/// <summary>The tenant of the current request or job; null means no tenant, and then no school data is visible.</summary>
public interface ITenantContext
{
    TenantInfo? Current { get; }
}

/// <summary>Finds tenants by their route identifier (school code).</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken);
    Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The schools that keep their data in a database of their own.</summary>
    Task<IReadOnlyList<TenantInfo>> WithDedicatedDatabaseAsync(CancellationToken cancellationToken);
}

/// <summary>Prepares a new school's storage: its dedicated database, when it has one, and its default policy.</summary>
public interface ITenantProvisioner
{
    Task ProvisionAsync(TenantInfo tenant, CancellationToken cancellationToken);
}

/// <summary>Runs work "as tenant X": a new service scope whose tenant is fixed. Used by background jobs and provisioning.</summary>
public interface ITenantScopeFactory
{
    Microsoft.Extensions.DependencyInjection.AsyncServiceScope CreateScope(TenantInfo tenant);

    /// <summary>A scope of the tenant in which <see cref="Interfaces.ICurrentUser"/> is <paramref name="actingAs"/>: background work passes the same pipeline.</summary>
    Microsoft.Extensions.DependencyInjection.AsyncServiceScope CreateScope(TenantInfo tenant, Security.SystemUser actingAs);
}

/// <summary>Marks a request that acts inside one school; it is refused when no tenant is set.</summary>
public interface ISchoolRequest;
