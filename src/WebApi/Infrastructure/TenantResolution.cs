using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>Finds the tenant identifier of a request.</summary>
public interface ITenantResolutionStrategy
{
    string? GetIdentifier(HttpContext context);
}

/// <summary>
/// The school code from <c>/api/v1/schools/{school}/…</c>; on routes marked <see cref="CallersSchool"/> (the caller's own
/// notifications), the school of the caller's token.
/// </summary>
public sealed class RouteTenantStrategy : ITenantResolutionStrategy
{
    public const string RouteParameter = "school";

    public string? GetIdentifier(HttpContext context) =>
        context.GetRouteValue(RouteParameter) as string
        ?? (context.GetEndpoint()?.Metadata.GetMetadata<CallersSchool>() is not null ? context.User.FindFirst(MentorCloudClaims.School)?.Value : null);
}

/// <summary>Endpoint metadata: the route serves the caller inside their own school, named by their token rather than the route.</summary>
public sealed class CallersSchool
{
    public static readonly CallersSchool Instance = new();

    private CallersSchool() { }
}

/// <summary>
/// Sets the request's tenant from the route and checks it against the caller's token. A school the caller
/// may not reach answers 404 exactly like one that does not exist. Anonymous callers pass on to get 401.
/// A school whose dedicated database does not answer, known before or found during the request, answers 503 with
/// <c>Retry-After</c>; every other school is served as usual.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, DatabaseAvailability availability, TenantDatabases databases, IOptions<TenancyOptions> tenancy)
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
            await Results.Problem(statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context); // worded by DetailFor, as every 404
            return;
        }

        if (!availability.IsAvailable(tenant.Id))
            throw DatabaseUnavailableException.Known(Messages.DatabaseUnavailableDetail, tenancy.Value.RetryInterval);

        tenantContext.Set(tenant);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (tenant.ConnectionString is not null && !context.Response.HasStarted && DatabaseFailures.IsDatabaseFailure(ex))
        {
            if (!await databases.ConfirmOutageAsync(tenant, ex, context.RequestAborted)) throw;
            throw new DatabaseUnavailableException(Messages.DatabaseUnavailableDetail, tenancy.Value.RetryInterval, ex);
        }
    }

    private static bool MayReach(ICurrentUser user, TenantInfo tenant) =>
        string.Equals(user.SchoolCode, tenant.Identifier, StringComparison.Ordinal);
}
