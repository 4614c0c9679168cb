using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Asp.Versioning;
using MentorCloud.Application.Archives;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Tenancy;
using MentorCloud.Application.Common.Localization;
using MentorCloud.WebApi.Endpoints;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;

namespace MentorCloud.WebApi.Infrastructure;

public static class WebServices
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserSlot>().Read(sp.GetRequiredService<HttpCurrentUser>));
        services.AddScoped<IRequestOrigin, HttpRequestOrigin>();
        services.AddSingleton<ITenantResolutionStrategy, RouteTenantStrategy>();

        // A value the endpoint cannot bind throws in every environment (the default is Development only; elsewhere the
        // answer would be a bare 400), so the exception handler answers with the field named (BindingProblems).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // Enumerations are their camelCase names, as the contract spells them; a number ("kind": 1) is refused like
            // any other value that is not one of the names, not read as the C# declaration's position.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // An archive section refuses a field it does not have (a misspelt "structur" would otherwise be dropped, and the
            // mentor's text lost without a word); other bodies ignore unknown fields, so a front end may send back what it read.
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(info =>
                {
                    if (info.Kind == JsonTypeInfoKind.Object && ArchiveContents.ContentObjectTypes.Contains(info.Type))
                        info.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                });
        });

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Title = ProblemDetailsExceptionHandler.TitleFor(problem.Status) ?? problem.Title;
            problem.Type ??= problem.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc4918#section-11.2",
                StatusCodes.Status428PreconditionRequired => "https://tools.ietf.org/html/rfc6585#section-3",
                StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
                _ => "about:blank",
            };
            if (ApiVersionProblems.DetailFor(problem.Extensions.TryGetValue("code", out var code) ? code : null, context.HttpContext) is { } versionDetail) problem.Detail = versionDetail;
            problem.Detail ??= ProblemDetailsExceptionHandler.DetailFor(problem.Status, context.HttpContext);
            problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            // The exception handler clears the headers request localization set; the problem is in the request's language.
            context.HttpContext.Response.Headers.ContentLanguage = System.Globalization.CultureInfo.CurrentUICulture.Name;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, detail: Messages.TooManyRequestsDetail).ExecuteAsync(context.HttpContext);
            };
            var permits = configuration.GetValue("RateLimiting:Token:PermitLimit", 10);
            var window = configuration.GetValue("RateLimiting:Token:Window", TimeSpan.FromMinutes(1));
            o.AddPolicy(AuthEndpoints.TokenRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        });

        services.AddRequestLocalization(o =>
        {
            o.SetDefaultCulture(SupportedCultures[0]).AddSupportedCultures(SupportedCultures).AddSupportedUICultures(SupportedCultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
            // The language is the caller's Accept-Language, as the API promises; no query string or cookie is read for it.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });

        // Behind an ingress the client address and scheme come from X-Forwarded-* (rate limits and lockouts are per client
        // address), believed only from the proxies configured here (loopback when none is), so a caller cannot choose its own.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
            var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
            if (proxies.Length + networks.Length == 0) return;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range) ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation."));
        });

        services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [])
            .AllowAnyHeader()
            .AllowAnyMethod()
            // A browser front end reads these from cross-origin answers: a created resource, the version to send back in
            // If-Match, when to retry, and an export's file name.
            .WithExposedHeaders("Location", "ETag", "Retry-After", "Content-Disposition")
            // Every call carries a bearer token, so each would be preflighted; browsers remember a preflight this long.
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        services.AddApiVersioning(o =>
        {
            o.DefaultApiVersion = new ApiVersion(1);
            o.AssumeDefaultVersionWhenUnspecified = true;
            o.ReportApiVersions = true;
            o.ApiVersionReader = new PathApiVersionReader();
        });

        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<RouteParameterTransformer>();
            o.AddOperationTransformer<OperationIdTransformer>();
            o.AddOperationTransformer<RequestExampleTransformer>();
            o.AddOperationTransformer<HttpPreconditionsTransformer>();
            o.AddDocumentTransformer<ResponseConventionsTransformer>();
            o.AddSchemaTransformer<EnumSchemaTransformer>();
            o.AddSchemaTransformer<NumericSchemaTransformer>();
        });

        services.AddSerilog((sp, logger) => logger
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            .WriteTo.StandardOutput(redirected: Console.IsOutputRedirected));
        CachingLoggerFactory.Decorate(services);

        services.AddTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// Traces and metrics; <c>OpenTelemetry:Exporter</c> is <c>otlp</c> (standard OTEL_* variables), <c>console</c>, or empty
    /// for none. With none, no instrumentation is registered: an activity and its tags per request that nobody reads
    /// cost every request a little CPU and memory for nothing.
    /// </summary>
    private static void AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = configuration["OpenTelemetry:Exporter"]?.ToLowerInvariant();
        if (exporter is not ("otlp" or "console")) return;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("MentorCloud"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (exporter == "otlp") tracing.AddOtlpExporter();
                else tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (exporter == "otlp") metrics.AddOtlpExporter();
                else metrics.AddConsoleExporter();
            });
    }
}
