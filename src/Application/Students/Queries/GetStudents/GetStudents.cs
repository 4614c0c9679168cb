using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Students.Queries.GetStudents;

/// <summary>
/// Students of the school for admins; head teachers see their own classes with priority-care students first (R5),
/// and mentors their mentees in force (R16).
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetStudentsQuery(
    Guid? ClassId = null,
    string? Flag = null,
    string? Search = null,
    bool IncludeInactive = false,
    int Page = 1,
    int PageSize = IPaged.DefaultPageSize) : IQuery<PagedList<StudentDto>>, IPaged, ISchoolRequest;

public sealed class GetStudentsHandler(AccessPolicy access) : IQueryHandler<GetStudentsQuery, PagedList<StudentDto>>
{
    public async ValueTask<PagedList<StudentDto>> Handle(GetStudentsQuery query, CancellationToken cancellationToken)
    {
        var students = access.StudentsInReach().AsNoTracking();
        if (!query.IncludeInactive) students = students.Where(s => s.IsActive);
        if (query.ClassId is { } classId) students = students.Where(s => s.ClassId == classId);
        if (StudentMapping.ParseFlag(query.Flag) is { } flag) students = students.Where(s => (s.AttentionFlags & flag) == flag);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            students = students.Where(s => s.Name.Contains(search) || s.StudentNo.Contains(search));
        }

        var ordered = access.IsSchoolAdmin
            ? students.OrderBy(s => s.StudentNo)
            : students.OrderByDescending(s => s.AttentionFlags != AttentionFlags.None).ThenBy(s => s.StudentNo);
        var page = await PagedList<Student>.CreateAsync(ordered, query, cancellationToken);
        return new PagedList<StudentDto>(page.Items.Select(s => s.ToDto()).ToList(), page.Page, page.PageSize, page.TotalCount);
    }
}

public sealed class GetStudentsValidator : AbstractValidator<GetStudentsQuery>
{
    public GetStudentsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(50);
        RuleFor(x => x.Flag).Must(f => StudentMapping.ParseFlag(f) is not null).When(x => x.Flag is not null);
    }
}
