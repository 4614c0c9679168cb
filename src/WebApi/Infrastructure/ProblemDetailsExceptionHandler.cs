using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>Turns every exception into RFC 9457 problem details; unexpected ones reveal nothing but the traceId.</summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, TenantDatabases databases, IOptions<TenancyOptions> tenancy, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary()) { Status = 400 },
            DomainValidationException field => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Field] = [field.Text] }) { Status = 400 },
            BadHttpRequestException badRequest => BindingProblems.For(httpContext, badRequest),
            NotFoundException or TenantRequiredException => new ProblemDetails { Status = 404 }, // worded by DetailFor, as every 404
            ForbiddenAccessException or Domain.Activities.ActivityNotOwnedException => new ProblemDetails { Status = 403, Detail = Messages.ForbiddenDetail },
            AuthenticationFailedException failed => new ProblemDetails
            {
                Status = 401,
                Detail = failed.LockedOut ? Messages.AccountLocked : Messages.InvalidCredentials,
                Extensions = { ["lockedOut"] = failed.LockedOut },
            },
            PreconditionFailedException => new ProblemDetails { Status = 412, Detail = Messages.PreconditionFailedDetail },
            PreconditionRequiredException => new ProblemDetails { Status = 428, Detail = Messages.PreconditionRequiredDetail },
            PayloadTooLargeException tooLarge => new ProblemDetails { Status = 413, Detail = tooLarge.Text },
            ConflictException conflict => new ProblemDetails { Status = 409, Detail = conflict.Text },
            RequestInProgressException inProgress => InProgress(httpContext, inProgress),
            RuleViolationException rule => new ProblemDetails
            {
                Status = 422,
                Detail = $"{rule.Rule}: {rule.Text}",
                Extensions = { ["rule"] = rule.Rule, ["violation"] = rule.Details },
            },
            DatabaseUnavailableException unavailable => Unavailable(httpContext, unavailable.Message, unavailable.RetryAfter),
            ArchiveKeyException archiveKey => ArchiveKeyUnavailable(httpContext, archiveKey),
            _ => null,
        };

        if (problem is null && await databases.ConfirmSharedOutageAsync(exception, cancellationToken))
        {
            logger.LogWarning(exception, "The database did not answer {Method} {Path}; it answers 503", httpContext.Request.Method, httpContext.Request.Path);
            problem = Unavailable(httpContext, Messages.DatabaseUnavailableDetail, tenancy.Value.RetryInterval);
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = 500, Detail = Messages.ServerErrorDetail };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The exception names the key and why it failed, never the text; the caller learns only that the key is missing.
    private ProblemDetails ArchiveKeyUnavailable(HttpContext httpContext, ArchiveKeyException exception)
    {
        logger.LogError(exception, "The archive's encryption key {KeyId} is not available for {Method} {Path}",
            exception.KeyId ?? "(unreadable)", httpContext.Request.Method, httpContext.Request.Path);
        return new ProblemDetails { Status = 500, Detail = Messages.ArchiveKeyUnavailableDetail };
    }

    private static ProblemDetails InProgress(HttpContext httpContext, RequestInProgressException inProgress)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(inProgress.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = 409, Detail = Messages.IdempotencyKeyInProgress };
    }

    private static ProblemDetails Unavailable(HttpContext httpContext, string detail, TimeSpan retryAfter)
    {
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = 503, Detail = detail };
    }

    /// <summary>
    /// The detail of an answer that routing or authentication made without one (an empty 401, 404, 405 or 415 that the
    /// status-code pages turn into problem details): what the caller can do about it, or null.
    /// </summary>
    public static string? DetailFor(int? status, HttpContext context) => status switch
    {
        // The bearer handler's challenge says whether a token came and was refused, or none came.
        401 when context.Response.Headers.WWWAuthenticate is { Count: > 0 } challenge =>
            challenge.ToString().Contains("invalid_token", StringComparison.Ordinal) ? Messages.TokenRejected : Messages.TokenRequired,
        // An address no route matches is not found like anything else out of reach (ADR 0005), in the same words.
        404 => Messages.NotFoundDetail,
        405 when context.Response.Headers.Allow is { Count: > 0 } allow => Messages.MethodsAllowed(allow.ToString()),
        415 => Messages.ContentTypeRequired(BindingProblems.AcceptedContentTypes(context)),
        _ => null,
    };

    /// <summary>Localized titles by status code, for every problem the service writes.</summary>
    public static string? TitleFor(int? status) => status switch
    {
        400 => Messages.TitleValidation,
        401 => Messages.TitleUnauthorized,
        403 => Messages.TitleForbidden,
        404 => Messages.TitleNotFound,
        405 => Messages.TitleMethodNotAllowed,
        409 => Messages.TitleConflict,
        412 => Messages.TitlePreconditionFailed,
        413 => Messages.TitleTooLarge,
        415 => Messages.TitleUnsupportedMediaType,
        422 => Messages.TitleRuleViolation,
        428 => Messages.TitlePreconditionRequired,
        429 => Messages.TitleTooManyRequests,
        500 => Messages.TitleServerError,
        503 => Messages.TitleServiceUnavailable,
        _ => null,
    };
}
