using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>A pooled context a scope leased: given back to its pool by <see cref="ScopeLeases"/>, once.</summary>
internal interface ILeasedContext
{
    ValueTask ReturnToPoolAsync();

    void ReturnToPool();
}

/// <summary>
/// Gives the scope's pooled contexts back to their pools, exactly once, when the scope ends. The container disposes a
/// scoped context once for every service type it was resolved as (the context and its interface), and a pooled context
/// disposed a second time may already be leased by another scope: its second dispose would hand that scope's context
/// back to the pool while in use. So a leased context ignores Dispose, and this one owner, resolved before the contexts
/// and so disposed after them, returns them.
/// </summary>
internal sealed class ScopeLeases : IDisposable, IAsyncDisposable
{
    private readonly List<ILeasedContext> _leased = [];

    public T Track<T>(T context) where T : ILeasedContext
    {
        _leased.Add(context);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _leased) await context.ReturnToPoolAsync();
        _leased.Clear();
    }

    public void Dispose()
    {
        foreach (var context in _leased) context.ReturnToPool();
        _leased.Clear();
    }
}

/// <summary>
/// A context that comes from a pool and is leased by one scope at a time: the scope hands it its connection (and a
/// subclass its other state), and <see cref="ScopeLeases"/> gives it back, forgetting them; a leased context ignores
/// Dispose. A connection the lease owns (a school's dedicated database) is disposed when the context goes back.
/// </summary>
public abstract class PooledDbContext(DbContextOptions options) : DbContext(options), ILeasedContext
{
    private bool _leased;

    /// <summary>The connection this lease opened for itself and disposes when given back; null on the scope's shared one.</summary>
    protected DbConnection? OwnedConnection { get; private set; }

    /// <summary>True unless the context serves a school with a dedicated database, on a connection of its own.</summary>
    public bool OnSharedDatabase => OwnedConnection is null;

    protected void LeaseConnection(DbConnection connection, string connectionString, bool owned)
    {
        if (_leased) throw new InvalidOperationException($"{GetType().Name} is already leased by a scope.");
        Database.UseScopeConnection(connection, connectionString);
        OwnedConnection = owned ? connection : null;
        _leased = true;
    }

    /// <summary>Forgets what the scope handed over besides the connection.</summary>
    protected virtual void OnReturn()
    {
    }

    public override void Dispose()
    {
        if (_leased) return;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        if (_leased) return ValueTask.CompletedTask;
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    void ILeasedContext.ReturnToPool()
    {
        var owned = Release();
        base.Dispose();
        owned?.Dispose();
    }

    async ValueTask ILeasedContext.ReturnToPoolAsync()
    {
        var owned = Release();
        await base.DisposeAsync();
        if (owned is not null) await owned.DisposeAsync();
    }

    private DbConnection? Release()
    {
        if (!_leased) return null;
        var owned = OwnedConnection;
        Database.SetDbConnection(null);
        OnReturn();
        (OwnedConnection, _leased) = (null, false);
        return owned;
    }
}
