using Asp.Versioning;
using MentorCloud.Application;
using MentorCloud.Infrastructure;
using Hangfire;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.Endpoints;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Serilog;

// `migrate`: apply the migrations of the catalog, the shared school database and every dedicated one, then exit (0 when all
// succeeded). The same configuration as the service; no web host and no job server are started.
var migrate = args is ["migrate", ..];
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);
if (migrate) builder.Configuration.AddInMemoryCollection([new("Jobs:Enabled", "false")]);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWebApi(builder.Configuration);

var app = builder.Build();
if (migrate)
{
    var code = await MigrateCommand.RunAsync(app.Services, app.Logger);
    await app.DisposeAsync();
    return code;
}
StartupConfiguration.RefuseUnsafe(app.Configuration, app.Environment);
// Api:Enabled off makes a job server only (health endpoints and nothing else); Jobs:Enabled off makes an API replica only.
var apiEnabled = app.Configuration.GetValue("Api:Enabled", true);
if (!apiEnabled && !app.Configuration.GetValue("Jobs:Enabled", true))
    throw new InvalidOperationException("Api:Enabled and Jobs:Enabled are both false: the process would serve nothing.");

app.UseSecurityHeaders();
if (app.Configuration.GetValue<bool>("ForwardedHeaders:Enabled")) app.UseForwardedHeaders();
app.UseRequestLocalization();
// Request logging outside the exception handler, so it logs the status the caller got (a database outage's 503, not 500).
app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<NulCharacterGuard>();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseCors();
app.UseAuthentication();
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponses.WriteAsync });

if (apiEnabled)
{
    app.MapOpenApi("/openapi/{documentName}.json");
    app.MapScalarApiReference("/scalar", o => o.WithTitle("MentorCloud API").AddPreferredSecuritySchemes("Bearer"));
    var api = app.NewVersionedApi("MentorCloud").MapGroup(PathApiVersionReader.PathPrefix).HasApiVersion(new ApiVersion(1)).RequireAuthorization()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    api.MapAuthEndpoints().MapNotificationEndpoints().MapDistrictEndpoints().MapSchoolEndpoints();
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

// After the database exists: the job storage may live in it. Platform admins only; the storage's connection string is never shown.
if (apiEnabled)
{
    app.UseHangfireDashboard("/jobs", new DashboardOptions
    {
        Authorization = [new PlatformAdminDashboardFilter()],
        DisplayStorageConnectionString = false,
        DashboardTitle = "MentorCloud jobs",
        AppPath = null,
    });
    app.Logger.LogInformation("MentorCloud is ready: API reference at /scalar, OpenAPI document at /openapi/v1.json, tokens from POST /api/v1/auth/token (platform admin '{PlatformAdmin}')",
        app.Configuration["Bootstrap:PlatformAdmin:Username"] is { Length: > 0 } admin ? admin : "platform");
}
else
    app.Logger.LogInformation("MentorCloud job server is ready: no API (Api:Enabled is false), health at /health/live and /health/ready");
await app.RunAsync();
return 0;

/// <summary>The web host; public so functional tests can start it.</summary>
public partial class Program;
