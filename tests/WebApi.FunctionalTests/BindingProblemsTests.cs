using System.Globalization;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Kestrel's own refusals, which the in-process test server does not make (it enforces no body size limit): a body over
/// the limit names the limit in the caller's language, and a 400 in the framework's own words is not shown.
/// </summary>
public sealed class BindingProblemsTests
{
    private sealed class BodyLimit(long? limit) : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => true;
        public long? MaxRequestBodySize { get; set; } = limit;
    }

    private static HttpContext Request(long? limit)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new BodyLimit(limit));
        return context;
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Theory]
    [InlineData("en", "The request body exceeds the limit of 30000000 bytes.")]
    [InlineData("zh-CN", "请求体超过 30000000 字节的上限。")]
    public void A_body_over_the_limit_names_the_limit(string culture, string expected)
    {
        var exception = new BadHttpRequestException("Request body too large. The max request body size is 30000000 bytes.", StatusCodes.Status413PayloadTooLarge);

        var problem = InCulture(culture, () => BindingProblems.For(Request(30_000_000), exception));

        problem.Status.ShouldBe(StatusCodes.Status413PayloadTooLarge);
        problem.Detail.ShouldBe(expected);
    }

    [Fact]
    public void A_400_in_the_framework_s_own_words_is_not_shown()
    {
        var exception = new BadHttpRequestException("Failed to read parameter \"IFormFile file\" from the request body as form.", StatusCodes.Status400BadRequest);

        var problem = InCulture("en", () => BindingProblems.For(Request(null), exception));

        problem.Status.ShouldBe(StatusCodes.Status400BadRequest);
        problem.Detail.ShouldBe("The request is malformed.");
    }

    [Fact]
    public void Another_refusal_of_kestrel_keeps_its_status_and_text()
    {
        var exception = new BadHttpRequestException("Request headers too long.", StatusCodes.Status431RequestHeaderFieldsTooLarge);

        var problem = BindingProblems.For(Request(null), exception);

        problem.Status.ShouldBe(StatusCodes.Status431RequestHeaderFieldsTooLarge);
        problem.Detail.ShouldBe("Request headers too long.");
    }
}
