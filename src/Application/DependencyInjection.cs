using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
                typeof(IdempotencyBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
                typeof(IdempotentResponseBehaviour<,>),
                typeof(AuditedReadBehaviour<,>),
                typeof(PerformanceBehaviour<,>),
            ];
        });
        Common.Validation.FieldNames.UseForBuiltInMessages();
        // Singletons: a validator's rules are built once, not on every request (they depend on nothing scoped; the clock is read when validating).
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<Common.Security.AccessPolicy>();
        services.AddScoped<Policies.PolicyReader>();
        services.AddScoped<Reminders.ReminderPlanner>();
        services.AddScoped<MentorGroups.MentorGroupService>();
        services.AddScoped<MentorGroups.MentorLoadLedgers>();
        services.AddScoped<Archives.ArchiveAccessPolicy>();
        services.AddScoped<Reports.MonthlyReportAccess>();
        services.AddScoped<Archives.ArchiveContents>();
        services.AddScoped<Archives.ArchiveStore>();
        services.AddScoped<IdempotencyContext>();
        services.AddScoped<Activities.ActivityAccess>();
        services.AddDomainEventHandlers(typeof(DependencyInjection).Assembly);
        services.AddSingleton<TimeProvider>(Common.StoredPrecisionClock.Instance);
        return services;
    }

    /// <summary>Registers every <see cref="IDomainEventHandler{TEvent}"/> of the assembly, scoped, once per event type it handles.</summary>
    public static IServiceCollection AddDomainEventHandlers(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            var handled = type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>)).ToList();
            if (handled.Count == 0) continue;
            services.TryAddScoped(type);
            foreach (var contract in handled) services.AddScoped(contract, sp => sp.GetRequiredService(type));
        }
        return services;
    }
}
