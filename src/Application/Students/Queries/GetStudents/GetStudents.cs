using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
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

public sealed class GetStudentsHandler(AccessPolicy access, IApplicationDbContext db) : IQueryHandler<GetStudentsQuery, PagedList<StudentDto>>
{
    public async ValueTask<PagedList<StudentDto>> Handle(GetStudentsQuery query, CancellationToken cancellationToken)
    {
        if (access.IsSchoolAdmin && query is { ClassId: null, Flag: null, IncludeInactive: false } && string.IsNullOrWhiteSpace(query.Search))
            return await ActiveStudentsPageAsync(query, cancellationToken);

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

    // A school admin's page of the school's active students, unfiltered, is the list a school's front end opens first: its
    // count and its rows run as compiled queries, the same statements the composed path above makes for it.
    private async Task<PagedList<StudentDto>> ActiveStudentsPageAsync(GetStudentsQuery query, CancellationToken cancellationToken)
    {
        var context = db.Students.Context();
        var total = await ActiveCount.For(context)(context, cancellationToken);
        var rows = await ActivePage.For(context)(context, (query.Page - 1) * query.PageSize, query.PageSize).ToListAsync(cancellationToken);
        return new PagedList<StudentDto>(rows.ConvertAll(s => s.ToDto()), query.Page, query.PageSize, total);
    }

    private static readonly CompiledQuery<Func<DbContext, CancellationToken, Task<int>>> ActiveCount = new(() =>
        EF.CompileAsyncQuery((DbContext context, CancellationToken _) => context.Set<Student>().Count(s => s.IsActive)));

    private static readonly CompiledQuery<Func<DbContext, int, int, IAsyncEnumerable<Student>>> ActivePage = new(() =>
        EF.CompileAsyncQuery((DbContext context, int skip, int take) =>
            context.Set<Student>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.StudentNo).Skip(skip).Take(take)));
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
