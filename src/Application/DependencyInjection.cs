using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Behaviours;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: handlers take the request's tenant-bound DbContext.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(UnhandledExceptionBehaviour<,>),
                typeof(TenantRequiredBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
                typeof(PerformanceBehaviour<,>),
            ];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        services.AddScoped<Common.Security.AccessPolicy>();
        services.AddScoped<Common.Auditing.AuditLog>();
        services.AddScoped<Policies.PolicyReader>();
        services.AddScoped<MentorGroups.MentorGroupService>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
