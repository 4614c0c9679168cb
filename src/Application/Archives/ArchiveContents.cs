using System.Text.Json;
using System.Text.Json.Serialization;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Archives;

namespace MentorCloud.Application.Archives;

/// <summary>
/// Turns a section's contents into the text stored in a version and back: JSON, sealed by the archive cipher for the
/// sections encrypted at rest (R8). The seal is bound to the school, the student and the section.
/// </summary>
public sealed class ArchiveContents(IArchiveCipher cipher, ITenantContext tenant)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Chinese text kept as itself: a third of the size of \u escapes, before and after encryption.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static readonly Dictionary<ArchiveSection, Type> ContentTypes = new()
    {
        [ArchiveSection.Family] = typeof(FamilySection),
        [ArchiveSection.Health] = typeof(HealthSection),
        [ArchiveSection.Personality] = typeof(PersonalitySection),
        [ArchiveSection.Interests] = typeof(InterestsSection),
        [ArchiveSection.Morals] = typeof(MoralsSection),
        [ArchiveSection.Habits] = typeof(HabitsSection),
        [ArchiveSection.Psychology] = typeof(PsychologySection),
        [ArchiveSection.Academics] = typeof(AcademicsSection),
        [ArchiveSection.Difficulties] = typeof(DifficultiesSection),
    };

    /// <summary>
    /// Every object type a section's contents are made of: the sections and what their lists hold (a family member, an
    /// academic result). A caller writing a field none of them has would lose its text without a word, so the API refuses it.
    /// </summary>
    public static IReadOnlySet<Type> ContentObjectTypes { get; } = ObjectTypesWithin(ContentTypes.Values);

    private static HashSet<Type> ObjectTypesWithin(IEnumerable<Type> roots)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!found.Add(type)) continue;
            foreach (var property in type.GetProperties())
            {
                var inner = ElementTypes.ElementOf(property.PropertyType) ?? property.PropertyType;
                if (inner.IsClass && inner != typeof(string)) pending.Push(inner);
            }
        }
        return found;
    }

    /// <summary>The section whose contents <paramref name="contentType"/> holds.</summary>
    public static ArchiveSection SectionOf(Type contentType) =>
        ContentTypes.Single(p => p.Value == contentType).Key;

    public string Seal(Guid studentId, ArchiveSection section, object content)
    {
        if (content.GetType() != ContentTypes[section])
            throw new InvalidOperationException($"{content.GetType().Name} is not the content of the {section} section.");
        var json = JsonSerializer.Serialize(content, ContentTypes[section], Json);
        return section.IsEncryptedAtRest() ? cipher.Encrypt(json, TenantId, Context(studentId, section)) : json;
    }

    /// <summary>The stored text as JSON; <c>resealable</c> when it was sealed with a key that is no longer the active one.</summary>
    private string OpenJson(Guid studentId, ArchiveSection section, string stored, out bool resealable)
    {
        resealable = false;
        if (!section.IsEncryptedAtRest()) return stored;
        var opened = cipher.Decrypt(stored, TenantId, Context(studentId, section));
        resealable = opened.SealedWithOlderKey;
        return opened.Plaintext;
    }

    public T Open<T>(Guid studentId, ArchiveSection section, string stored) =>
        JsonSerializer.Deserialize<T>(OpenJson(studentId, section, stored, out _), Json)!;

    public JsonElement OpenElement(Guid studentId, ArchiveSection section, string stored) =>
        JsonSerializer.Deserialize<JsonElement>(OpenJson(studentId, section, stored, out _), Json);

    /// <summary>The same contents sealed under the active key, or null when an older key did not seal them (opened once).</summary>
    public string? ResealIfOlder(Guid studentId, ArchiveSection section, string stored)
    {
        var json = OpenJson(studentId, section, stored, out var resealable);
        return resealable ? cipher.Encrypt(json, TenantId, Context(studentId, section)) : null;
    }

    private Guid TenantId => tenant.Current?.Id ?? throw new TenantRequiredException();

    private static string Context(Guid studentId, ArchiveSection section) => $"archive/{studentId:N}/{section}";
}
