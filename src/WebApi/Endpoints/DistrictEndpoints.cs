using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Districts;
using MentorCloud.Application.Districts.Commands.CreateDistrict;
using MentorCloud.Application.Districts.Commands.UpdatePolicyLimits;
using MentorCloud.Application.Districts.Queries.GetDistrict;
using MentorCloud.Application.Districts.Queries.GetDistricts;
using MentorCloud.Application.Districts.Queries.GetPolicyLimits;
using MentorCloud.Application.Districts.Statistics;
using MentorCloud.Application.Schools;
using MentorCloud.Application.Schools.Commands.OnboardSchool;
using MentorCloud.Application.Schools.Queries.GetDatabaseServers;
using MentorCloud.Application.Schools.Queries.GetSchools;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

public static class DistrictEndpoints
{
    public static RouteGroupBuilder MapDistrictEndpoints(this RouteGroupBuilder api)
    {
        var districts = api.MapGroup("/districts").WithTags("Districts");

        districts.MapPost("/", async (CreateDistrictCommand command, ISender sender, CancellationToken ct) =>
            {
                var district = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/districts/{district.Code}", district);
            })
            .WithSummary("Create a district and its first district admin (platform-admin)")
            .WithRequestExample(new CreateDistrictCommand(ApiExamples.DistrictCode, "杭州市拱墅区教育局", ApiExamples.DistrictAdmin));

        districts.MapGet("/", (ISender sender, CancellationToken ct, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetDistrictsQuery(page, pageSize), ct))
            .WithSummary("List districts (platform-admin)")
            .Produces<PagedList<DistrictDto>>();

        districts.MapGet("/{district}", (string district, ISender sender, CancellationToken ct) => sender.Send(new GetDistrictQuery(district), ct))
            .WithSummary("A district (its district-admin)")
            .Produces<DistrictDto>();

        districts.MapGet("/{district}/policy-limits", (string district, ISender sender, CancellationToken ct) =>
                sender.Send(new GetPolicyLimitsQuery(district), ct))
            .WithSummary("Ceilings the district's schools cannot exceed (R3, R14)")
            .Produces<PolicyLimitsDto>();

        districts.MapPut("/{district}/policy-limits", (string district, PolicyLimitsDto body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdatePolicyLimitsCommand(district, body.MaxStudentsPerMentorCeiling, body.MaxMentorsPerStudentCeiling), ct))
            .WithSummary("Set the district's policy ceilings (R3, R14)")
            .WithRequestExample(new PolicyLimitsDto(MaxStudentsPerMentorCeiling: 15, MaxMentorsPerStudentCeiling: 3))
            .Produces<PolicyLimitsDto>();

        districts.MapPost("/{district}/schools", async (string district, OnboardSchoolRequest body, ISender sender, CancellationToken ct) =>
            {
                var school = await sender.Send(new OnboardSchoolCommand(district, body.Code, body.Name, body.Admin, body.DatabaseServer), ct);
                return TypedResults.Created($"/api/v1/districts/{district}/schools/{school.Code}", school);
            })
            .WithSummary("Onboard a school (tenant) with its first school admin, optionally in a dedicated database on a configured server")
            .WithRequestExample(new OnboardSchoolRequest(ApiExamples.SchoolCode, "杭州市拱墅区实验中学", ApiExamples.SchoolAdmin, DatabaseServer: null))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        districts.MapGet("/{district}/schools", (string district, ISender sender, CancellationToken ct, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetSchoolsQuery(district, page, pageSize), ct))
            .WithSummary("The district's schools")
            .Produces<PagedList<SchoolDto>>();

        districts.MapGet("/{district}/statistics", (string district, ISender sender, CancellationToken ct, string? semester = null) =>
                sender.Send(new GetDistrictStatisticsQuery(district, semester), ct))
            .WithSummary("The latest rollup of a semester (the most recent when none is named) with district totals and the trend; small groups suppressed (R13)")
            .Produces<DistrictStatisticsDto>();

        districts.MapPost("/{district}/statistics/refresh", async (string district, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await sender.Send(new RefreshDistrictStatisticsCommand(district), ct)))
            .WithSummary("Enqueue the district's rollup now (R13)")
            .Produces<RefreshJobDto>(StatusCodes.Status202Accepted);

        districts.MapGet("/{district}/statistics/export", async (string district, ISender sender, CancellationToken ct, string? format = null, string? semester = null) =>
            {
                var file = await sender.Send(new ExportDistrictStatisticsQuery(district, format ?? "", semester), ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithSummary("The rollup of a semester as a csv or xlsx file, with the same suppression (R13)")
            .Produces<Stream>(StatusCodes.Status200OK, ExportDistrictStatisticsHandler.CsvContentType, ExportDistrictStatisticsHandler.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/database-servers", (ISender sender, CancellationToken ct, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetDatabaseServersQuery(page, pageSize), ct))
            .WithTags("Districts")
            .WithSummary("The configured database servers a school may be placed on, by name (platform-admin, district-admin)")
            .Produces<PagedList<DatabaseServerDto>>();
        return api;
    }

    /// <summary>Body of <c>POST /districts/{district}/schools</c>. There is deliberately no connection string: callers name a configured server.</summary>
    public sealed record OnboardSchoolRequest(string Code, string Name, NewAdmin Admin, string? DatabaseServer);
}
