using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Models;

namespace MentorCloud.Application.UnitTests;

/// <summary>An entity tag is a version in quotes, and <c>If-Match</c> is read back only in that form.</summary>
public sealed class VersionTagTests
{
    [Theory]
    [InlineData(0L, "\"0\"")]
    [InlineData(7L, "\"7\"")]
    [InlineData(long.MaxValue, "\"9223372036854775807\"")]
    public void An_entity_tag_is_the_version_quoted_and_reads_back(long version, string tag)
    {
        VersionTag.Of(version).ShouldBe(tag);
        VersionTag.TryRead(tag, out var read).ShouldBeTrue();
        read.ShouldBe(version);
        VersionTag.TryRead($"  {tag} ", out read).ShouldBeTrue();
        read.ShouldBe(version);
        Should.NotThrow(() => VersionTag.DemandCurrent(tag, version));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("W/\"7\"")]
    [InlineData("w/\"7\"")]
    [InlineData("\"7\", \"8\"")]
    [InlineData("\"7\",\"8\"")]
    [InlineData("\"\"")]
    [InlineData("\"-7\"")]
    [InlineData("\"+7\"")]
    [InlineData("\" 7\"")]
    [InlineData("\"7")]
    [InlineData("\"abc\"")]
    [InlineData("\"99999999999999999999\"")]
    public void If_match_other_than_one_strong_tag_of_a_version_fails_the_precondition(string value)
    {
        VersionTag.TryRead(value, out _).ShouldBeFalse();
        Should.Throw<PreconditionFailedException>(() => VersionTag.DemandCurrent(value, 7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    public void A_missing_if_match_or_a_wildcard_is_required_to_name_the_version_read(string? value)
    {
        VersionTag.TryRead(value, out _).ShouldBeFalse();
        Should.Throw<PreconditionRequiredException>(() => VersionTag.DemandCurrent(value, 7));
    }

    [Fact]
    public void A_tag_of_another_version_is_stale()
    {
        Should.Throw<PreconditionFailedException>(() => VersionTag.DemandCurrent(VersionTag.Of(41), 42));
    }
}
