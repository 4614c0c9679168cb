using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// A query compiled once (<c>EF.CompileAsyncQuery</c>) for the reads most requests make, so they skip the expression-tree
/// visit and translation-cache lookup of every LINQ execution. EF Core ties a compiled query to the model it first ran
/// with, and a process can hold several models (each host of the test suite has its own), so there is one compiled
/// query per model. Filters (the school's among them) are read from the context the query runs on, as for any query.
/// </summary>
public sealed class CompiledQuery<TQuery> where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    public CompiledQuery(Func<TQuery> compile) => _compile = _ => compile();

    /// <summary>The query compiled for the model of <paramref name="context"/>.</summary>
    public TQuery For(DbContext context) =>
        _byModel.TryGetValue(context.Model, out var query) ? query : _byModel.GetValue(context.Model, _compile);
}

public static class CompiledQueryContext
{
    /// <summary>The context behind a set that use cases see through <see cref="IApplicationDbContext"/> or <see cref="ICatalogDbContext"/>.</summary>
    public static DbContext Context<TEntity>(this DbSet<TEntity> set) where TEntity : class =>
        set.GetService<ICurrentDbContext>().Context;
}
