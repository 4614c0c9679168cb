using MentorCloud.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>One logger per category, made once; disposing the factory disposes (flushes) the one it wraps.</summary>
public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public void A_category_gets_the_same_logger_made_once()
    {
        var inner = new CountingFactory();
        using var factory = new CachingLoggerFactory(inner);

        var first = factory.CreateLogger("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler");
        var again = factory.CreateLogger("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler");
        var other = factory.CreateLogger("MentorCloud");

        again.ShouldBeSameAs(first);
        other.ShouldNotBeSameAs(first);
        inner.Created.ShouldBe(2);
    }

    [Fact]
    public void Disposing_it_disposes_the_factory_it_wraps()
    {
        var inner = new CountingFactory();
        new CachingLoggerFactory(inner).Dispose();
        inner.Disposed.ShouldBeTrue();
    }

    [Fact]
    public void It_wraps_the_factory_registered_last()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory, LoggerFactory>();
        var inner = new CountingFactory();
        services.AddSingleton<ILoggerFactory>(_ => inner);

        CachingLoggerFactory.Decorate(services);
        using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(ILoggerFactory)).ShouldBe(2);
        var factory = provider.GetRequiredService<ILoggerFactory>().ShouldBeOfType<CachingLoggerFactory>();
        factory.CreateLogger("a");
        inner.Created.ShouldBe(1);
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }
        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return new CountedLogger();
        }

        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() => Disposed = true;
    }

    private sealed class CountedLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => false;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }
}
