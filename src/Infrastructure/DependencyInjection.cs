using MentorCloud.Application;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using MentorCloud.Infrastructure.Encryption;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Webhooks;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        var connectionString = configuration.GetConnectionString("Default") is { Length: > 0 } configured
            ? configured
            : DefaultSqliteConnection(environment);

        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddPersistence<SqliteCatalogDbContext, SqliteApplicationDbContext>(database.Provider, connectionString),
            DatabaseProvider.PostgreSql => services.AddPersistence<PostgreSqlCatalogDbContext, PostgreSqlApplicationDbContext>(database.Provider, connectionString),
            DatabaseProvider.SqlServer => services.AddPersistence<SqlServerCatalogDbContext, SqlServerApplicationDbContext>(database.Provider, connectionString),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'."),
        };

        services.AddMemoryCache();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<ITenantStore, CatalogTenantStore>();
        services.AddSingleton<ITenantScopeFactory, TenantScopeFactory>();
        services.AddScoped<ITenantProvisioner, TenantProvisioner>();
        services.AddDedicatedDatabases(configuration);
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<DomainEventQueue>();
        services.AddScoped<IDomainEventQueue>(sp => sp.GetRequiredService<DomainEventQueue>());
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        services.AddDomainEventHandlers(typeof(DependencyInjection).Assembly);
        services.AddScoped<CurrentUserSlot>();
        // The web host puts the HTTP caller here; any other scope is background work or nobody.
        services.TryAddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserSlot>().Read(() => NoUser.Instance));
        services.TryAddSingleton<IRequestOrigin>(new NoRequestOrigin());
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();

        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.Configure<SignInLockoutOptions>(configuration.GetSection(SignInLockoutOptions.Section));
        services.AddSingleton(sp => new SigningKeyProvider(sp.GetRequiredService<IOptions<JwtOptions>>().Value, environment.IsDevelopment()));
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<Application.Reminders.IAccountDirectory, AccountDirectory>();
        services.AddSingleton(sp => ValidatedTokenCache.ForJsonWebTokens(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddOptions<AccountCheckOptions>().Bind(configuration.GetSection(AccountCheckOptions.Section))
            .Validate(o => o.AccountCheckInterval >= TimeSpan.Zero && o.AccountCheckInterval <= AccountCheckOptions.Longest,
                "Auth:AccountCheckInterval must lie between 00:00:00 and 00:01:00.")
            .ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.RetentionDays >= AuditOptions.MinRetentionDays, $"Audit:RetentionDays must be at least {AuditOptions.MinRetentionDays} days.")
            .ValidateOnStart();
        services.AddOptions<Idempotency.IdempotencyOptions>().Bind(configuration.GetSection(Idempotency.IdempotencyOptions.Section))
            .Validate(o => o.Retention >= TimeSpan.FromHours(24) && o.Lease > TimeSpan.Zero && o.Lease < o.Retention,
                "Idempotency:Retention must be at least 24 hours and Idempotency:Lease positive and shorter.")
            .ValidateOnStart();
        services.AddScoped<IIdempotencyStore, Idempotency.IdempotencyStore>();
        services.AddScoped<ActiveAccounts>();
        services.AddScoped<AccountCheckingJwtBearerEvents>();

        // Development and Testing fall back to the public development key; anywhere else an empty ring stops start-up.
        var developmentKeyAllowed = StartupConfiguration.AllowsDevelopmentDefaults(environment);
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section))
            .PostConfigure(o => { if (developmentKeyAllowed) DevelopmentArchiveKey.AddWhenRingIsEmpty(o); })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>>(new EncryptionOptionsValidator(developmentKeyAllowed));
        services.AddSingleton<IArchiveCipher, ArchiveCipher>();

        services.AddRoster(configuration);
        services.AddWebhooks(configuration);
        services.AddJobs(configuration, database.Provider, connectionString);
        return services;
    }

    private static IServiceCollection AddPersistence<TCatalog, TSchool>(this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TCatalog : CatalogDbContext
        where TSchool : ApplicationDbContext
    {
        var serviceConnectionString = ServiceConnections.For(provider, connectionString);
        services.AddScoped(_ => new DefaultDatabaseConnection(provider, serviceConnectionString));
        services.AddSingleton(new DatabaseProbe(provider, connectionString));
        services.AddScoped<ScopeLeases>();
        // The key ring is read and written synchronously: its own connections, with the configured string.
        services.AddDbContext<KeyRingDbContext>(o => o.Use(provider, connectionString, DatabaseProviderExtensions.CatalogHistoryTable));

        // Both contexts come from pools built once (options, EF Core's internal services); each scope leases one of each,
        // gives it the scope's connection and, for the school context, the scope's tenant, and returns it when it ends.
        services.AddPooledDbContextFactory<TCatalog>((sp, o) =>
            o.UsePooled(provider, DatabaseProviderExtensions.CatalogHistoryTable).AddInterceptors(sp.GetRequiredService<SharedDatabaseGuard>()));
        services.AddScoped<CatalogDbContext>(sp =>
        {
            var shared = sp.GetRequiredService<DefaultDatabaseConnection>();
            var leases = sp.GetRequiredService<ScopeLeases>();
            var catalog = sp.GetRequiredService<IDbContextFactory<TCatalog>>().CreateDbContext();
            catalog.Lease(shared.Connection, shared.ConnectionString);
            return leases.Track(catalog);
        });
        services.AddScoped<ICatalogDbContext>(sp => sp.GetRequiredService<CatalogDbContext>());

        // A school with its own database gets a connection of its own; every other one shares the scope's default connection.
        services.AddPooledDbContextFactory<TSchool>((sp, o) =>
            o.UsePooled(provider, DatabaseProviderExtensions.TenantHistoryTable).AddInterceptors(sp.GetRequiredService<SharedDatabaseGuard>()));
        services.AddScoped<ApplicationDbContext>(sp =>
        {
            var tenant = sp.GetRequiredService<ITenantContext>();
            var dedicated = tenant.Current?.ConnectionString is { } own ? ServiceConnections.For(provider, own) : null;
            var shared = dedicated is null ? sp.GetRequiredService<DefaultDatabaseConnection>() : null;
            var connection = shared?.Connection ?? DefaultDatabaseConnection.Create(provider, dedicated!);
            var leases = sp.GetRequiredService<ScopeLeases>();
            var school = sp.GetRequiredService<IDbContextFactory<TSchool>>().CreateDbContext();
            school.Lease(tenant, connection, shared?.ConnectionString ?? dedicated!, dedicated is not null);
            return leases.Track(school);
        });
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        return services;
    }

    private static string DefaultSqliteConnection(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "mentorcloud.db")}";
    }
}
