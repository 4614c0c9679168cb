using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Teachers.Queries.GetTeachers;

/// <summary>The school's teachers by employee number; <c>search</c> matches name or number; inactive ones on request.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetTeachersQuery(string? Search = null, bool IncludeInactive = false, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<TeacherDto>>, IPaged, ISchoolRequest;

public sealed class GetTeachersHandler(IApplicationDbContext db) : IQueryHandler<GetTeachersQuery, PagedList<TeacherDto>>
{
    public async ValueTask<PagedList<TeacherDto>> Handle(GetTeachersQuery query, CancellationToken cancellationToken)
    {
        var teachers = db.Teachers.AsQueryable();
        if (!query.IncludeInactive) teachers = teachers.Where(t => t.IsActive);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            teachers = teachers.Where(t => t.Name.Contains(search) || t.EmployeeNo.Contains(search));
        }
        return await PagedList<TeacherDto>.CreateAsync(teachers.OrderBy(t => t.EmployeeNo).ProjectToDto(), query, cancellationToken);
    }
}

public sealed class GetTeachersValidator : AbstractValidator<GetTeachersQuery>
{
    public GetTeachersValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(50);
    }
}
