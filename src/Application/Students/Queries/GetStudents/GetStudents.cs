using System.Linq.Expressions;
using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
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
        var context = db.Students.Context();
        // The unfiltered page of active students is the list a front end opens first: its count and its rows run as
        // compiled queries, the same statements the composed path below makes for it.
        if (query is { ClassId: null, Flag: null, IncludeInactive: false } && string.IsNullOrWhiteSpace(query.Search))
        {
            var skip = (query.Page - 1) * query.PageSize;
            if (access.IsSchoolAdmin)
            {
                var total = await AdminCount.For(context)(context, cancellationToken);
                return await PageAsync(total, AdminPage.For(context)(context, skip, query.PageSize), query, cancellationToken);
            }
            if (access.TeacherReach is var (teacherId, day))
            {
                var total = await TeacherCount.For(context)(context, teacherId, day, cancellationToken);
                return await PageAsync(total, TeacherPage.For(context)(context, teacherId, day, skip, query.PageSize), query, cancellationToken);
            }
        }

        var students = access.StudentsInReach().AsNoTracking();
        if (!query.IncludeInactive) students = students.Where(s => s.IsActive);
        if (query.ClassId is { } classId) students = students.Where(s => s.ClassId == classId);
        if (StudentMapping.ParseFlag(query.Flag) is { } flag) students = students.Where(s => (s.AttentionFlags & flag) == flag);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            students = students.Where(s => s.Name.Contains(search) || s.StudentNo.Contains(search));
        }

        var page = await PagedList<Student>.CreateAsync((access.IsSchoolAdmin ? ByNumber : PriorityCareFirst).Apply(context, students), query, cancellationToken);
        return new PagedList<StudentDto>(page.Items.Select(s => s.ToDto()).ToList(), page.Page, page.PageSize, page.TotalCount);
    }

    private static async Task<PagedList<StudentDto>> PageAsync(int total, IAsyncEnumerable<Student> rows, GetStudentsQuery query, CancellationToken cancellationToken)
    {
        var items = await rows.Select(s => s.ToDto()).ToListAsync(cancellationToken);
        return new PagedList<StudentDto>(items, query.Page, query.PageSize, total);
    }

    // A school admin's list is ordered by student number; a teacher's puts priority-care students first (R5).
    private static readonly Expression<Func<DbContext, IQueryable<Student>, IQueryable<Student>>> ByNumber = (context, students) =>
        students.OrderBy(s => s.StudentNo);

    private static readonly Expression<Func<DbContext, IQueryable<Student>, IQueryable<Student>>> PriorityCareFirst = (context, students) =>
        students.OrderByDescending(s => s.AttentionFlags != AttentionFlags.None).ThenBy(s => s.StudentNo);

    private static readonly CompiledQuery<Func<DbContext, CancellationToken, Task<int>>> AdminCount = new(() =>
        EF.CompileAsyncQuery((DbContext context, CancellationToken _) => context.Set<Student>().Count(s => s.IsActive)));

    private static readonly CompiledQuery<Func<DbContext, int, int, IAsyncEnumerable<Student>>> AdminPage = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, int skip, int take) =>
            ByNumber.Invoke(context, context.Set<Student>().AsNoTracking().Where(s => s.IsActive)).Skip(skip).Take(take))));

    // A teacher's students: the reach rule (R16) of AccessPolicy, expanded into the compiled queries.
    private static readonly CompiledQuery<Func<DbContext, Guid, DateOnly, CancellationToken, Task<int>>> TeacherCount = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day, CancellationToken _) =>
            AccessPolicy.StudentsOfTeacherOn.Invoke(context, teacherId, day).Count(s => s.IsActive))));

    private static readonly CompiledQuery<Func<DbContext, Guid, DateOnly, int, int, IAsyncEnumerable<Student>>> TeacherPage = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day, int skip, int take) =>
            PriorityCareFirst.Invoke(context, AccessPolicy.StudentsOfTeacherOn.Invoke(context, teacherId, day).AsNoTracking().Where(s => s.IsActive))
                .Skip(skip).Take(take))));
}

public sealed class GetStudentsValidator : AbstractValidator<GetStudentsQuery>
{
    public GetStudentsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(50);
        RuleFor(x => x.Flag).Must(f => StudentMapping.ParseFlag(f) is not null).When(x => x.Flag is not null)
            .WithMessage(x => Messages.NotOneOf(x.Flag!, StudentMapping.FlagNames));
    }
}
