using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
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

    public AsyncServiceScope CreateScope(TenantInfo tenant, SystemUser actingAs)
    {
        var scope = CreateScope(tenant);
        scope.ServiceProvider.GetRequiredService<CurrentUserSlot>().ActAs(actingAs);
        return scope;
    }
}

/// <summary>
/// Who the scope's <see cref="ICurrentUser"/> is when it is not the caller of an HTTP request: background work acting
/// as a <see cref="SystemUser"/>. Set before anything in the scope asks for the current user.
/// </summary>
public sealed class CurrentUserSlot
{
    private bool _read;

    public ICurrentUser? User { get; private set; }

    public void ActAs(SystemUser user)
    {
        if (_read) throw new InvalidOperationException("The scope's user was already read; set it right after creating the scope.");
        User = user;
    }

    public ICurrentUser Read(Func<ICurrentUser> otherwise)
    {
        _read = true;
        return User ?? otherwise();
    }
}

/// <summary>Nobody: the current user of a scope that serves no request and acts for no background work.</summary>
internal sealed class NoUser : ICurrentUser
{
    public static readonly NoUser Instance = new();

    public bool IsAuthenticated => false;
    public Guid? UserId => null;
    public string? Username => null;
    public IReadOnlyCollection<string> Roles => [];
    public string? DistrictCode => null;
    public string? SchoolCode => null;
    public Guid? TeacherId => null;
    public Guid? StudentId => null;
}

/// <summary>Work that no request started has no client address or user agent.</summary>
internal sealed class NoRequestOrigin : IRequestOrigin
{
    public string? ClientAddress => null;
    public string? UserAgent => null;
}
