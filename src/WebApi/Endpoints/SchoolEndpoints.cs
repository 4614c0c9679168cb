using Mediator;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Policies.Queries.GetSchoolPolicy;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>Routes inside one school (tenant): <c>/api/v1/schools/{school}/…</c>.</summary>
public static class SchoolEndpoints
{
    public static RouteGroupBuilder MapSchoolEndpoints(this RouteGroupBuilder api)
    {
        var school = api.MapGroup("/schools/{school}");

        school.MapGet("/policy", (ISender sender, CancellationToken ct) => sender.Send(new GetSchoolPolicyQuery(), ct))
            .WithTags("Policy")
            .WithSummary("The school's mentor-system policy (any school user)")
            .Produces<SchoolPolicyDto>();
        return api;
    }
}
