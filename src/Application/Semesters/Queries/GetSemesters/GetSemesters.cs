using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Semesters.Queries.GetSemesters;

/// <summary>The school's semesters, newest first.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetSemestersQuery(int Page = 1, int PageSize = IPaged.DefaultPageSize) : IQuery<PagedList<SemesterDto>>, IPaged, ISchoolRequest;

public sealed class GetSemestersHandler(IApplicationDbContext db) : IQueryHandler<GetSemestersQuery, PagedList<SemesterDto>>
{
    public async ValueTask<PagedList<SemesterDto>> Handle(GetSemestersQuery query, CancellationToken cancellationToken) =>
        await PagedList<SemesterDto>.CreateAsync(db.Semesters.OrderByDescending(s => s.StartsOn).ProjectToDto(), query, cancellationToken);
}

public sealed class GetSemestersValidator : AbstractValidator<GetSemestersQuery>
{
    public GetSemestersValidator() => this.AddPagingRules();
}
