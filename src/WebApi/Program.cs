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

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWebApi(builder.Configuration);

var app = builder.Build();
StartupConfiguration.RefuseUnsafe(app.Configuration, app.Environment);

app.UseSecurityHeaders();
if (app.Configuration.GetValue<bool>("ForwardedHeaders:Enabled")) app.UseForwardedHeaders();
app.UseRequestLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<NulCharacterGuard>();
app.UseSerilogRequestLogging();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseCors();
app.UseAuthentication();
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/scalar", o => o.WithTitle("MentorCloud API").AddPreferredSecuritySchemes("Bearer"));
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponses.WriteAsync });

var api = app.NewVersionedApi("MentorCloud").MapGroup("/api/v1").HasApiVersion(new ApiVersion(1)).RequireAuthorization()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status401Unauthorized)
    .ProducesProblem(StatusCodes.Status403Forbidden)
    .ProducesProblem(StatusCodes.Status404NotFound)
    .ProducesProblem(StatusCodes.Status409Conflict)
    .ProducesProblem(StatusCodes.Status429TooManyRequests);
api.MapAuthEndpoints().MapNotificationEndpoints().MapDistrictEndpoints().MapSchoolEndpoints();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

// After the database exists: the job storage may live in it. Platform admins only; the storage's connection string is never shown.
app.UseHangfireDashboard("/jobs", new DashboardOptions
{
    Authorization = [new PlatformAdminDashboardFilter()],
    DisplayStorageConnectionString = false,
    DashboardTitle = "MentorCloud jobs",
    AppPath = null,
});

app.Logger.LogInformation("MentorCloud is ready: API reference at /scalar, OpenAPI document at /openapi/v1.json, tokens from POST /api/v1/auth/token (platform admin '{PlatformAdmin}')",
    app.Configuration["Bootstrap:PlatformAdmin:Username"] is { Length: > 0 } admin ? admin : "platform");
await app.RunAsync();

/// <summary>The web host; public so functional tests can start it.</summary>
public partial class Program;
