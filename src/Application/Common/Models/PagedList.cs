using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Common.Models;

/// <summary>One page of a list: <c>{items, page, pageSize, totalCount}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, IPaged request, CancellationToken cancellationToken)
    {
        var total = await source.CountAsync(cancellationToken);
        var items = await source.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, request.Page, request.PageSize, total);
    }
}

/// <summary>A list request: <c>page</c> from 1, <c>pageSize</c> up to 200 (default 50).</summary>
public interface IPaged
{
    const int DefaultPageSize = 50;
    const int MaxPageSize = 200;

    /// <summary>The last page any list may ask for, so the rows skipped always fit in an int (PostgreSQL refuses a negative offset).</summary>
    const int MaxPage = int.MaxValue / MaxPageSize;

    int Page { get; }
    int PageSize { get; }
}

public static class PagingRules
{
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPaged
    {
        validator.RuleFor(x => x.Page).InclusiveBetween(1, IPaged.MaxPage);
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, IPaged.MaxPageSize);
    }
}
