using BenchmarkDotNet.Attributes;
using FluentValidation;
using Mediator;
using MentorCloud.Application;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Me.Queries.GetMe;
using MentorCloud.Application.Students.Queries.GetStudents;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Benchmarks;

/// <summary>
/// What the Application pipeline costs per request, without a database: a request scope is created, the caller set, and
/// <c>GetMeQuery</c> sent through Mediator with every behaviour the service registers (unhandled exceptions, tenant,
/// authorization, FluentValidation, performance), its handler answering from a stub identity service. Baseline: the
/// same handler called directly in a new scope. <see cref="ValidatorLifetime"/> compares validators made per request
/// (scoped, as before) with validators made once (singleton, as registered now), on the validation of a students query.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly UserProfile Profile = new(Guid.CreateVersion7(), "demo-admin", "示范校管理员", [Roles.SchoolAdmin], "demo", "demo-school", null, null);

    private ServiceProvider _services = null!;

    [Params(ServiceLifetime.Scoped, ServiceLifetime.Singleton)]
    public ServiceLifetime ValidatorLifetime { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        IServiceCollection services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        // Registered as the service does, then with the lifetime under comparison.
        foreach (var validator in services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)).ToList())
        {
            services.Remove(validator);
            services.Add(new ServiceDescriptor(validator.ServiceType, validator.ImplementationType!, ValidatorLifetime));
        }
        services.AddScoped<ICurrentUser, SchoolAdmin>();
        services.AddScoped<ITenantContext, NoTenant>();
        services.AddSingleton<IIdentityService, StubIdentity>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<UserProfile> Handler_alone()
    {
        await using var scope = _services.CreateAsyncScope();
        var handler = new GetMeHandler(scope.ServiceProvider.GetRequiredService<ICurrentUser>(), scope.ServiceProvider.GetRequiredService<IIdentityService>());
        return await handler.Handle(new GetMeQuery(), CancellationToken.None);
    }

    [Benchmark]
    public async Task<UserProfile> Through_the_pipeline()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetMeQuery(), CancellationToken.None);
    }

    /// <summary>The validation step alone for a query with rules (a page of students): the validators resolved in a new scope and run.</summary>
    [Benchmark]
    public async Task<int> Validating_a_students_query()
    {
        await using var scope = _services.CreateAsyncScope();
        var query = new GetStudentsQuery(Search: "王", Page: 2, PageSize: 20);
        var failures = 0;
        foreach (var validator in scope.ServiceProvider.GetServices<IValidator<GetStudentsQuery>>())
            failures += (await validator.ValidateAsync(query)).Errors.Count;
        return failures;
    }

    private sealed class SchoolAdmin : ICurrentUser
    {
        private static readonly string[] AdminRoles = [Application.Common.Security.Roles.SchoolAdmin];

        public bool IsAuthenticated => true;
        public Guid? UserId => Profile.UserId;
        public string? Username => Profile.Username;
        public IReadOnlyCollection<string> Roles => AdminRoles;
        public string? DistrictCode => Profile.DistrictCode;
        public string? SchoolCode => Profile.SchoolCode;
        public Guid? TeacherId => null;
        public Guid? StudentId => null;
    }

    private sealed class NoTenant : ITenantContext
    {
        public TenantInfo? Current => null;
    }

    private sealed class StubIdentity : IIdentityService
    {
        private static readonly Task<UserProfile?> Answer = Task.FromResult<UserProfile?>(Profile);

        public Task<UserProfile?> FindProfileAsync(Guid userId, CancellationToken cancellationToken) => Answer;

        public Task<bool> UsernameExistsAsync(string username, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlySet<string>> TakenUsernamesAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Guid CreateUser(NewUser user) => throw new NotSupportedException();
        public Task<AccessToken> IssueTokenAsync(string username, string password, string clientAddress, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeactivateLinkedAccountAsync(Guid? teacherId, Guid? studentId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
