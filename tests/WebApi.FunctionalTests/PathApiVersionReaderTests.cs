using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The requested API version comes from the header when sent, else from the path, so it is never left to be guessed.</summary>
public sealed class PathApiVersionReaderTests
{
    [Theory]
    [InlineData("/api/v1/me", null, new[] { "1" })]
    [InlineData("/Api/V1/schools/demo-school/students", null, new[] { "1" })]
    [InlineData("/api/v1/me", "2", new[] { "2" })]
    [InlineData("/api/v2/me", null, new[] { "2" })]
    [InlineData("/api/v12", null, new[] { "12" })]
    [InlineData("/api/v12/me", null, new[] { "12" })]
    [InlineData("/api/v0/me", null, new string[0])]
    [InlineData("/api/v1x/me", null, new string[0])]
    [InlineData("/api/v/me", null, new string[0])]
    [InlineData("/api/version/me", null, new string[0])]
    [InlineData("/health/ready", null, new string[0])]
    public void Reads_the_header_else_the_path(string path, string? header, string[] expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        if (header is not null) http.Request.Headers["api-version"] = header;

        new PathApiVersionReader().Read(http.Request).ShouldBe(expected);
    }
}
