using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>The tenant of one request or job scope. Set once; a second, different tenant is a bug.</summary>
public sealed class TenantContext : ITenantContext
{
    public TenantInfo? Current { get; private set; }

    public void Set(TenantInfo tenant)
    {
        if (Current is not null && Current.Id != tenant.Id)
            throw new InvalidOperationException("The tenant of a scope cannot change.");
        Current = tenant;
    }
}

/// <summary>A save touched a row of a tenant other than the current one.</summary>
public sealed class CrossTenantWriteException(string entity, Guid rowTenant, Guid currentTenant)
    : InvalidOperationException($"Refused to save {entity} of tenant {rowTenant} while serving tenant {currentTenant}.");
