using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Roster;
using MentorCloud.Application.Roster.Commands.ImportRoster;
using MentorCloud.Application.Roster.Queries.GetRosterTemplate;
using MentorCloud.Infrastructure.Roster;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MentorCloud.WebApi.Endpoints;

public static class RosterEndpoints
{
    /// <summary>Room in the request for the multipart boundaries, part headers and the kind field around the file.</summary>
    private const long FormEnvelopeBytes = 16 * 1024;

    private const string ImportDescription = """
        Multipart form field `file`: one .xlsx workbook with sheets `teachers`/教师, `classes`/班级 and `students`/学生 (any of
        them), or one .csv file of a single kind. Headers may be the English keys or the Chinese names (the template's
        "工号 (employeeNo)" form is read too). Teachers are upserted by `employeeNo`, classes by name and school year
        (head teacher by `headTeacherEmployeeNo`), students by `studentNo` (class by name, current school year unless
        `schoolYear` is given). A login with role teacher is created for a new teacher whose row has `username` and `password`.
        Answers 200 `{created, updated, teachers, classes, students, errorCount, errors: [{sheet, row, field, message}]}`;
        when any row fails, 422 problem details with the same `errors` and nothing is written; `dryRun=true` writes
        nothing and answers 200 with what would be created and updated and the errors. Rows are spreadsheet rows (header = 1).
        400 for a file that is not a readable .xlsx or .csv; 413 beyond `Roster:MaxUploadBytes` (10 MiB by default).
        """;

    public static RouteGroupBuilder MapRosterEndpoints(this RouteGroupBuilder school)
    {
        var limit = ((IEndpointRouteBuilder)school).ServiceProvider.GetRequiredService<IOptions<RosterOptions>>().Value.MaxUploadBytes;
        var roster = school.MapGroup("/roster").WithTags("Roster");

        roster.MapPost("/import", ImportAsync)
            // The role is checked before the form is read, so nobody else can make the service buffer an upload.
            .RequireAuthorization(policy => policy.RequireRole(Roles.SchoolAdmin))
            .WithFormOptions(multipartBodyLengthLimit: limit)
            .Accepts<RosterImportForm>("multipart/form-data")
            .WithSummary("Import teachers, classes and students (school-admin); a .csv needs its kind: ?kind=, else the form field kind, else the file name (teachers.csv, classes.csv, students.csv)")
            .WithDescription(ImportDescription)
            .Produces<RosterImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        roster.MapGet("/template", async (ISender sender, CancellationToken ct) =>
            {
                var template = await sender.Send(new GetRosterTemplateQuery(), ct);
                return TypedResults.File(template.Content, template.ContentType, template.FileName);
            })
            .WithSummary("The roster workbook to fill in: three sheets with bilingual headers and an example row each (school-admin)")
            .Produces<Stream>(StatusCodes.Status200OK, RosterTemplateFile.XlsxContentType);
        return school;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, ISender sender, IOptions<RosterOptions> options, CancellationToken ct,
        bool dryRun = false, string? kind = null)
    {
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit + FormEnvelopeBytes) return FileTooLarge(limit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limit + FormEnvelopeBytes;

        IFormCollection? form = null;
        if (IsMultipartWithBoundary(request))
        {
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException) when (request.ContentLength is { } length && length <= limit)
            {
                // A body within the limit cannot have broken the length limit: the multipart itself is malformed.
                throw ValidationException.For("file", RosterMessages.FileUnreadable);
            }
            catch (InvalidDataException)
            {
                // The form options of this endpoint: the file part is longer than the limit.
                return FileTooLarge(limit);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return FileTooLarge(limit);
            }
            catch (IOException)
            {
                throw ValidationException.For("file", RosterMessages.FileUnreadable);
            }
        }

        var file = form?.Files.GetFile("file");
        if (file?.Length > limit) return FileTooLarge(limit);
        if (string.IsNullOrWhiteSpace(kind)) kind = form?["kind"].FirstOrDefault();

        await using var content = file?.OpenReadStream();
        var upload = file is null ? null : new RosterUpload(file.FileName, file.Length, content!);
        var result = await sender.Send(new ImportRosterCommand(upload, kind, dryRun), ct);
        if (result.Imported || result.DryRun) return TypedResults.Ok(result);
        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: RosterMessages.ImportRejected(result.ErrorCount),
            extensions: new Dictionary<string, object?> { ["errorCount"] = result.ErrorCount, ["errors"] = result.Errors });
    }

    private static bool IsMultipartWithBoundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length > 0;

    private static ProblemHttpResult FileTooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: RosterMessages.FileTooLarge(limit));

    /// <summary>The multipart form of <c>POST /roster/import</c>, for the OpenAPI document.</summary>
    public sealed class RosterImportForm
    {
        public required IFormFile File { get; init; }

        /// <summary>teachers, classes or students: what a .csv file holds.</summary>
        public string? Kind { get; init; }
    }
}
