using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Classes.Queries.GetClasses;

/// <summary>The school's classes by grade and name; filter by school year or grade.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetClassesQuery(int? SchoolYear = null, int? Grade = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<ClassDto>>, IPaged, ISchoolRequest;

public sealed class GetClassesHandler(IApplicationDbContext db) : IQueryHandler<GetClassesQuery, PagedList<ClassDto>>
{
    public async ValueTask<PagedList<ClassDto>> Handle(GetClassesQuery query, CancellationToken cancellationToken)
    {
        var classes = db.Classes.AsQueryable();
        if (query.SchoolYear is { } year) classes = classes.Where(c => c.SchoolYear == year);
        if (query.Grade is { } grade) classes = classes.Where(c => c.Grade == grade);
        return await PagedList<ClassDto>.CreateAsync(
            classes.OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Name).ProjectToDto(), query, cancellationToken);
    }
}

public sealed class GetClassesValidator : AbstractValidator<GetClassesQuery>
{
    public GetClassesValidator() => this.AddPagingRules();
}
