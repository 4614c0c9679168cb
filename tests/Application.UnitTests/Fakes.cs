using System.Globalization;
using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.UnitTests;

internal sealed class FakeCurrentUser(bool isAuthenticated, params string[] roles) : ICurrentUser
{
    public static FakeCurrentUser Anonymous() => new(false);

    public static FakeCurrentUser SignedIn(params string[] roles) => new(true, roles);

    public bool IsAuthenticated => isAuthenticated;
    public Guid? UserId { get; } = isAuthenticated ? Guid.CreateVersion7() : null;
    public string? Username => isAuthenticated ? "someone" : null;
    public IReadOnlyCollection<string> Roles => roles;
    public string? DistrictCode => null;
    public string? SchoolCode => null;
    public Guid? TeacherId => null;
    public Guid? StudentId => null;
}

internal sealed class FakeTenantContext(TenantInfo? current) : ITenantContext
{
    public static readonly TenantInfo FirstMiddle =
        new(Guid.CreateVersion7(), "first-middle", "First Middle School", Guid.CreateVersion7(), "north-1", null);

    public TenantInfo? Current => current;
}

internal sealed class FakeUnitOfWork : IUnitOfWork
{
    public int Saves { get; private set; }

    public int RecordOnlySaves { get; private set; }

    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        Saves++;
        return Task.CompletedTask;
    }

    public Task SaveRecordsOnlyAsync(CancellationToken cancellationToken)
    {
        RecordOnlySaves++;
        return Task.CompletedTask;
    }
}

/// <summary>A hand-written end of the pipeline: answers <paramref name="response"/> and counts its calls.</summary>
internal sealed class NextStep<TMessage, TResponse>(TResponse response)
    where TMessage : notnull, IMessage
{
    public int Calls { get; private set; }

    public MessageHandlerDelegate<TMessage, TResponse> Delegate => (_, _) =>
    {
        Calls++;
        return new ValueTask<TResponse>(response);
    };
}

/// <summary>Sets the UI culture for one test and restores the previous one afterwards.</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}

internal static class ValidatorExtensions
{
    /// <summary>The property paths that failed, each once, in ordinal order.</summary>
    public static string[] FailingFields<T>(this IValidator<T> validator, T instance) =>
        [.. validator.Validate(instance).Errors.Select(e => e.PropertyName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static string[] MessagesFor<T>(this IValidator<T> validator, T instance, string field) =>
        [.. validator.Validate(instance).Errors.Where(e => e.PropertyName == field).Select(e => e.ErrorMessage)];
}
