using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Students;
using MentorCloud.Application.Students.Commands.CreateStudent;
using MentorCloud.Application.Students.Commands.DeactivateStudent;
using MentorCloud.Application.Students.Commands.SetAttentionFlags;
using MentorCloud.Application.Students.Commands.TransferStudent;
using MentorCloud.Application.Students.Commands.UpdateStudent;
using MentorCloud.Application.Students.Queries.GetStudent;
using MentorCloud.Application.Students.Queries.GetStudents;
using MentorCloud.Domain.Students;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

public static class StudentEndpoints
{
    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder school)
    {
        var students = school.MapGroup("/students").WithTags("Students");
        students.MapPost("/", async (CreateStudentCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var student = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"students/{student.Id}"), student);
            })
            .WithSummary("Add a student with guardians, attention flags (R5) and an optional login")
            .WithRequestExample(new CreateStudentCommand("王小明", "20260703", ApiExamples.ClassId, Gender.Male, new DateOnly(2013, 10, 12), [AttentionFlags.LeftBehind],
                [new GuardianDto("王建国", "父亲", "13812345678"), new GuardianDto("刘芳", "母亲", "13987654321")], new NewAccount("wangxiaoming", "Wxm20260703")));
        students.MapGet("/", (ISender sender, CancellationToken ct, Guid? classId = null, string? flag = null, string? search = null,
                    bool includeInactive = false, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetStudentsQuery(classId, flag, search, includeInactive, page, pageSize), ct))
            .WithSummary("Students: all for school admins, own classes for head teachers (priority care first)")
            .Produces<PagedList<StudentDto>>()
            // The handler binds text so that an unknown name is a problem-details 400; the contract is still one flag's name.
            .WithEnumQuery<AttentionFlags>("flag");
        students.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetStudentQuery(id), ct))
            .WithSummary("A student")
            .Produces<StudentDto>();
        students.MapPut("/{id:guid}", (Guid id, StudentUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdateStudentCommand(id, body.Name, body.Gender, body.BirthDate, body.Guardians), ct))
            .WithSummary("Correct a student's details and guardians")
            .Produces<StudentDto>();
        students.MapPost("/{id:guid}/transfer", (Guid id, StudentTransfer body, ISender sender, CancellationToken ct) =>
                sender.Send(new TransferStudentCommand(id, body.ClassId), ct))
            .WithSummary("Move a student to another class")
            .WithRequestExample(new StudentTransfer(ApiExamples.OtherClassId))
            .Produces<StudentDto>();
        students.MapPost("/{id:guid}/deactivate", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new DeactivateStudentCommand(id), ct))
            .WithSummary("A student who left")
            .Produces<StudentDto>();
        students.MapPut("/{id:guid}/attention-flags", (Guid id, AttentionFlagsUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new SetAttentionFlagsCommand(id, body.Flags), ct))
            .WithSummary("Set priority-care flags (R5): school admin or the class's head teacher; audited")
            .WithRequestExample(new AttentionFlagsUpdate([AttentionFlags.LeftBehind, AttentionFlags.Psychological]))
            .Produces<StudentDto>();
        return school;
    }

    public sealed record StudentUpdate(string Name, Gender Gender, DateOnly? BirthDate, IReadOnlyList<GuardianDto>? Guardians);

    public sealed record StudentTransfer(Guid ClassId);

    public sealed record AttentionFlagsUpdate(IReadOnlyList<AttentionFlags> Flags);
}
