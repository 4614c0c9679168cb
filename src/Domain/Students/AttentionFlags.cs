namespace MentorCloud.Domain.Students;

/// <summary>Priority-care flags (特别关注, R5). Flagged students are listed first, matched first, and may have several mentors.</summary>
[Flags]
public enum AttentionFlags
{
    None = 0,
    /// <summary>学困生</summary>
    AcademicDifficulty = 1,
    /// <summary>行为偏差</summary>
    Behavioural = 2,
    /// <summary>单亲</summary>
    SingleParent = 4,
    /// <summary>重组家庭</summary>
    ReconstitutedFamily = 8,
    /// <summary>留守</summary>
    LeftBehind = 16,
    /// <summary>心理关注</summary>
    Psychological = 32,
    /// <summary>经济困难</summary>
    FinancialHardship = 64,
    /// <summary>特殊需要</summary>
    SpecialNeeds = 128,
}

public enum Gender
{
    Male,
    Female,
}
