using MentorCloud.Application.Common.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>Creates a service scope bound to one tenant, for jobs and provisioning ("run as tenant X").</summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes) : ITenantScopeFactory
{
    public AsyncServiceScope CreateScope(TenantInfo tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }
}
