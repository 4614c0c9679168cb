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
