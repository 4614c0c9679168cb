using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Tenancy;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>Finds the tenant identifier of a request.</summary>
public interface ITenantResolutionStrategy
{
    string? GetIdentifier(HttpContext context);
}

/// <summary>The school code from <c>/api/v1/schools/{school}/…</c>.</summary>
public sealed class RouteTenantStrategy : ITenantResolutionStrategy
{
    public const string RouteParameter = "school";

    public string? GetIdentifier(HttpContext context) => context.GetRouteValue(RouteParameter) as string;
}

/// <summary>
/// Sets the request's tenant from the route and checks it against the caller's token. A school the caller
/// may not reach answers 404 exactly like one that does not exist. Anonymous callers pass on to get 401.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantResolutionStrategy strategy, ITenantStore store, TenantContext tenantContext, ICurrentUser user)
    {
        var identifier = strategy.GetIdentifier(context);
        if (identifier is null || !user.IsAuthenticated)
        {
            await next(context);
            return;
        }

        var tenant = await store.FindByIdentifierAsync(identifier, context.RequestAborted);
        if (tenant is null || !MayReach(user, tenant))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: Messages.NotFoundDetail).ExecuteAsync(context);
            return;
        }

        tenantContext.Set(tenant);
        await next(context);
    }

    private static bool MayReach(ICurrentUser user, TenantInfo tenant) =>
        string.Equals(user.SchoolCode, tenant.Identifier, StringComparison.Ordinal);
}
