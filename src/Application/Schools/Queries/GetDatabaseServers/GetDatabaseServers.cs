using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Schools.Queries.GetDatabaseServers;

/// <summary>The names of the configured database servers a school may be placed on; never their connection strings.</summary>
[RequiresRole(Roles.PlatformAdmin, Roles.DistrictAdmin)]
public sealed record GetDatabaseServersQuery(int Page = 1, int PageSize = IPaged.DefaultPageSize) : IQuery<PagedList<DatabaseServerDto>>, IPaged;

public sealed record DatabaseServerDto(string Name);

public sealed class GetDatabaseServersHandler(IDatabaseServers servers) : IQueryHandler<GetDatabaseServersQuery, PagedList<DatabaseServerDto>>
{
    public ValueTask<PagedList<DatabaseServerDto>> Handle(GetDatabaseServersQuery query, CancellationToken cancellationToken)
    {
        var names = servers.Names;
        var items = names.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(n => new DatabaseServerDto(n)).ToList();
        return ValueTask.FromResult(new PagedList<DatabaseServerDto>(items, query.Page, query.PageSize, names.Count));
    }
}

public sealed class GetDatabaseServersValidator : AbstractValidator<GetDatabaseServersQuery>
{
    public GetDatabaseServersValidator() => this.AddPagingRules();
}
