using System.Collections.Concurrent;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// Hands out one logger per category. Serilog's factory builds a new logger on every call, and ASP.NET Core makes its
/// authentication handler, which asks for one, on every request; the framework's own factory keeps them the same way.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (category, factory) => factory.CreateLogger(category), inner);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>Disposing the inner factory flushes and closes the logger.</summary>
    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        var create = registered.ImplementationFactory
                     ?? throw new InvalidOperationException("The logger factory to cache is expected to be registered through a factory.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory((ILoggerFactory)create(sp)));
    }
}
