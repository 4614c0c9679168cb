using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Application.Common.Localization;

/// <summary>
/// The service's own user-facing texts in Simplified Chinese (the default) and English. Each is a
/// <see cref="LocalizedText"/>, shown in the request culture (<c>Accept-Language</c>); FluentValidation's built-in
/// messages follow the same culture.
/// </summary>
public static class Messages
{
    private static LocalizedText T(string zh, string en) => new(zh, en);
    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static LocalizedText CodeFormat => T("代码须为 2–40 个小写字母、数字或 '-'。", "Use 2–40 lowercase letters, digits or '-'.");
    public static LocalizedText PasswordPolicy => T("密码至少 8 位,且须同时包含字母和数字。", "The password needs at least 8 characters with both letters and digits.");
    public static LocalizedText UsernameFormat => T("用户名须为 3–64 个字母、数字或 . _ - @。", "Use 3–64 letters, digits or . _ - @ for the username.");
    public static LocalizedText UnknownDatabaseServer(string name) => T($"未配置名为 '{name}' 的数据库服务器,可用名称见 GET /api/v1/database-servers。",
        $"No database server named '{name}' is configured; GET /api/v1/database-servers lists the names.");
    public static LocalizedText StatisticsFormat => T("导出格式须为 csv 或 xlsx。", "The export format is csv or xlsx.");
    public static LocalizedText DatabaseUnavailableDetail => T("该学校的数据库暂时无法访问,请稍后重试。", "The school's database does not answer at the moment; try again later.");
    public static LocalizedText DatabaseServerUnavailableDetail => T("所选数据库服务器暂时无法访问,未保存任何内容,请稍后重试。",
        "The chosen database server does not answer; nothing was stored. Try again later.");
    public static LocalizedText DuplicateDistrict(string code) => T($"区代码 '{code}' 已存在。", $"District code '{code}' already exists.");
    public static LocalizedText DuplicateSchool(string code) => T($"学校代码 '{code}' 已存在。", $"School code '{code}' already exists.");
    public static LocalizedText DuplicateUsername(string username) => T($"用户名 '{username}' 已被使用。", $"Username '{username}' is already taken.");

    public static LocalizedText ReminderDaysOrder => T($"提醒天数须为 1–{SchoolPolicyBounds.MaxReminderDaysBeforeEnd} 之间互不相同的数,按从大到小排列,最多 {SchoolPolicyBounds.MaxReminders} 个。",
        $"Reminder days must be distinct numbers from 1 to {SchoolPolicyBounds.MaxReminderDaysBeforeEnd} in descending order, at most {SchoolPolicyBounds.MaxReminders}.");
    public static LocalizedText SemesterOverlaps(string label) => T($"与已有学期“{label}”的日期重叠。", $"The dates overlap the semester '{label}'.");
    public static LocalizedText EndAfterStart => T("结束日期须晚于开始日期。", "The end date must come after the start date.");
    public static LocalizedText ToNotBeforeFrom => T("to 不能早于 from。", "to cannot come before from.");
    public static LocalizedText SemesterTooLong => T("一个学期不能超过一年。", "A semester cannot last more than a year.");
    public static LocalizedText DuplicateEmployeeNo(string no) => T($"工号 '{no}' 已存在。", $"Employee number '{no}' already exists.");
    public static LocalizedText DuplicateStudentNo(string no) => T($"学号 '{no}' 已存在。", $"Student number '{no}' already exists.");
    public static LocalizedText DuplicateInFile(string value, string firstRow) => T($"'{value}' 在文件中重复,首次出现在第 {firstRow} 行。", $"'{value}' appears more than once in the file, first in row {firstRow}.");
    public static LocalizedText NumberFormat => T("编号须为 1–32 个字母、数字或 '-'。", "Use 1–32 letters, digits or '-'.");
    public static LocalizedText HeadTeacherMustBeActiveTeacher => T("班主任须为本校在职教师。", "The head teacher must be an active teacher of this school.");
    public static LocalizedText HeadsAnotherClass => T("该教师本学年已担任其他班级的班主任。", "This teacher already heads another class this school year.");
    public static LocalizedText DuplicateClass(string name) => T($"本学年已有班级 '{name}'。", $"A class named '{name}' already exists this school year.");
    public static LocalizedText ClassNotFound => T("班级不存在。", "The class does not exist.");
    public static LocalizedText BirthDateRange(DateOnly after) => T($"出生日期须晚于 {IsoDate(after)},且不晚于今天。", $"A birth date lies after {IsoDate(after)} and not after today.");
    public static LocalizedText PhoneFormat => T("电话号码格式不正确。", "The phone number is not valid.");
    public static LocalizedText MonthFormat => T("月份格式须为 yyyy-MM,例如 2026-10。", "Give the month as yyyy-MM, e.g. 2026-10.");
    public static LocalizedText DuplicateMonthlyReport(string month) => T($"{month} 的月度汇报已提交,每月只能提交一份。", $"The report for {month} was already handed in; one per month.");
    public static LocalizedText DuplicateMentorEvaluation => T("本学期已评议过该导师,每学期每位导师只能评议一次。", "You already evaluated this mentor this semester; once per semester.");
    public static LocalizedText NotOneOf(string text, string names) => T($"'{text}' 不是可选值之一:{names}。", $"'{text}' is not one of: {names}.");
    public static LocalizedText AtMostEntries(int limit) => T($"最多 {limit} 项。", $"At most {limit} entries.");
    public static LocalizedText UseOneOf(string names) => T($"须为以下值之一:{names}。", $"Use one of: {names}.");
    public static LocalizedText UseDate => T("日期须为 yyyy-MM-dd 格式,例如 2026-09-01。", "Give the date as yyyy-MM-dd, e.g. 2026-09-01.");
    public static LocalizedText UseTimestamp => T("时间须为 ISO 8601 格式,例如 2026-09-01T08:00:00Z。", "Give the time in ISO 8601, e.g. 2026-09-01T08:00:00Z.");
    public static LocalizedText UseGuid => T("须为 GUID,例如 0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b。", "Use a GUID, e.g. 0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b.");
    public static LocalizedText WholeNumberBetween(long min, long max) => T($"须为 {min} 到 {max} 之间的整数。", $"Use a whole number from {min} to {max}.");
    public static LocalizedText UseWholeNumber => T("须为整数。", "Use a whole number.");
    public static LocalizedText UseNumber => T("须为数字。", "Use a number.");
    public static LocalizedText UseBoolean => T("须为 true 或 false。", "Use true or false.");
    public static LocalizedText UseText => T("须为字符串。", "Use a string.");
    public static LocalizedText UseArray => T("须为 JSON 数组。", "Use a JSON array.");
    public static LocalizedText UseObject => T("须为 JSON 对象。", "Use a JSON object.");
    public static LocalizedText UnknownField(string fields) => T($"没有这个字段,可用的字段:{fields}。", $"There is no such field; the fields are: {fields}.");
    public static LocalizedText InvalidValue => T("值的类型或格式不正确。", "The value has the wrong type or format.");
    public static LocalizedText InvalidJsonBody => T("请求体不是有效的 JSON。", "The request body is not valid JSON.");
    public static LocalizedText JsonBodyOfAnotherKind(LocalizedText use) =>
        T($"请求体是有效的 JSON,但类型不对。{use.Chinese}", $"The request body is valid JSON of another kind. {use.English}");
    public static LocalizedText JsonBodyRequired => T("缺少请求体,须为 JSON。", "A JSON request body is required.");
    public static LocalizedText ContentTypeRequired(string types) => T($"该请求的 Content-Type 须为 {types}。", $"Send the body with Content-Type: {types}.");
    public static LocalizedText BodyTooLarge(long limit) => T($"请求体超过 {limit} 字节的上限。", $"The request body exceeds the limit of {limit} bytes.");
    public static LocalizedText MalformedRequest => T("请求格式有误。", "The request is malformed.");
    public static LocalizedText TitleValidation => T("请求参数有误", "One or more validation errors occurred");
    public static LocalizedText TitleNotFound => T("未找到", "Not found");
    public static LocalizedText TitleForbidden => T("无权执行此操作", "Forbidden");
    public static LocalizedText TitleUnauthorized => T("未通过身份验证", "Unauthorized");
    public static LocalizedText TitleConflict => T("与当前状态冲突", "Conflict");
    public static LocalizedText TitlePreconditionFailed => T("数据已被他人修改", "The resource has changed");
    public static LocalizedText TitlePreconditionRequired => T("缺少 If-Match 请求头", "If-Match required");
    public static LocalizedText IdempotencyKeyReused => T("该 Idempotency-Key 已用于另一个请求(内容不同),请为新请求换一个新的键。",
        "This Idempotency-Key was already used for a different request; send a new key with a new request.");
    public static LocalizedText IdempotencyKeyInProgress => T("使用同一 Idempotency-Key 的第一个请求仍在处理中,请稍后重试。",
        "The first request with this Idempotency-Key is still being processed; retry shortly.");
    public static LocalizedText IdempotencyKeyFormat => T("Idempotency-Key 须为 1–100 个可见 ASCII 字符。", "The Idempotency-Key must be 1–100 visible ASCII characters.");
    public static LocalizedText PreconditionFailedDetail => T("该记录已被修改，请重新读取后再保存（If-Match 与当前 ETag 不符）。", "The record was changed since you read it: read it again and retry with its current ETag in If-Match.");
    public static LocalizedText PreconditionRequiredDetail => T("修改该记录须携带读取时得到的 ETag（If-Match 请求头；* 不指明版本，不被接受）。",
        "Send the ETag you read in an If-Match header to change this record (* names no version and is not accepted).");
    public static LocalizedText UnsupportedApiVersion(string? version) => T($"该地址不支持 API 版本 '{version}'。", $"This address does not support API version '{version}'.");
    public static LocalizedText InvalidApiVersion(string? version) => T($"'{version}' 不是有效的 API 版本。", $"'{version}' is not a valid API version.");
    public static LocalizedText AmbiguousApiVersion => T("请求给出了多个不同的 API 版本。", "The request names more than one API version.");
    public static LocalizedText TitleTooLarge => T("上传内容过大", "Payload too large");
    public static LocalizedText TitleMethodNotAllowed => T("不支持该请求方法", "Method not allowed");
    public static LocalizedText MethodsAllowed(string methods) => T($"该地址只接受 {methods} 请求。", $"This address takes {methods} only.");
    public static LocalizedText TitleUnsupportedMediaType => T("不支持的内容类型", "Unsupported media type");
    public static LocalizedText TitleRuleViolation => T("违反业务规则", "A business rule refused the request");
    public static LocalizedText TitleTooManyRequests => T("请求过于频繁", "Too many requests");
    public static LocalizedText TitleServiceUnavailable => T("服务暂时不可用", "Service unavailable");
    public static LocalizedText TitleServerError => T("服务器内部错误", "An unexpected error occurred");
    public static LocalizedText TokenRequired => T("请先登录:在 Authorization 请求头中携带访问令牌(Bearer)。", "Sign in first: send an access token in the Authorization header (Bearer).");
    public static LocalizedText TokenRejected => T("访问令牌无效或已过期,请重新登录。", "The access token is invalid or has expired; sign in again.");
    public static LocalizedText InvalidCredentials => T("用户名或密码错误。", "Invalid username or password.");
    public static LocalizedText AccountLocked => T("登录失败次数过多,账户已暂时锁定。", "Too many failed sign-ins: the account is locked for a while.");
    public static LocalizedText NotFoundDetail => T("请求的资源不存在或不在您的访问范围内。", "The resource does not exist or is outside your reach.");
    public static LocalizedText TalksMissing(int n) => T($"谈心谈话还差 {n} 次", n == 1 ? "1 more talk" : $"{n} more talks");
    public static LocalizedText ParentContactsMissing(int n) => T($"家校沟通还差 {n} 次", n == 1 ? "1 more parent contact" : $"{n} more parent contacts");
    public static LocalizedText EvaluationsMissing(int n) => T($"评价反馈还差 {n} 次", n == 1 ? "1 more evaluation feedback" : $"{n} more evaluation feedbacks");
    public static LocalizedText MonthlyReportsMissing(int n) => T($"月度汇报缺 {n} 份", n == 1 ? "1 monthly report missing" : $"{n} monthly reports missing");
    public static LocalizedText ForbiddenDetail => T("您的角色无权执行此操作。", "Your role may not do this.");
    public static LocalizedText TooManyRequestsDetail => T("请求过于频繁,请稍后再试。", "Too many requests: wait a moment and try again.");
    public static LocalizedText NulCharacter => T("请求中含有空字符 (U+0000),任何字段都不接受。", "The request contains a NUL character (U+0000), which no field accepts.");
    public static LocalizedText ArchiveKeyUnavailableDetail => T("档案的加密密钥当前不可用,受保护的档案内容无法打开;请凭 traceId 联系管理员。",
        "The archive's encryption key is not available, so its protected sections cannot be opened; contact support with the traceId.");
    public static LocalizedText ServerErrorDetail => T("请稍后重试;如问题持续,请凭 traceId 联系管理员。", "Try again later; if it persists, contact support with the traceId.");

    public static LocalizedText WebhookLimit(int limit) =>
        T($"本校已有 {limit} 个 Webhook,已达上限;请先删除不再使用的。", $"The school already has {limit} webhooks, the most it may keep; delete one it no longer uses first.");
    public static LocalizedText WebhookUrl => T("网址须为 http 或 https 的完整地址,最长 2000 个字符。", "The URL must be a complete http or https address of at most 2000 characters.");
    public static LocalizedText WebhookEvents => T("请至少选择一个事件:reminder.created、mentorGroup.published、assignment.changed、activity.recorded、student.left。",
        "Choose at least one event among reminder.created, mentorGroup.published, assignment.changed, activity.recorded, student.left.");
    public static LocalizedText WebhookSecret => T("签名密钥须为 16–200 个字符。", "The signing secret needs 16–200 characters.");
    public static LocalizedText WebhookTargetRefused => T("该地址解析到内网、本机或链路本地地址,不能作为 Webhook 接收方。",
        "The address resolves to a private, loopback or link-local address, which cannot receive webhooks.");
    public static LocalizedText NewMenteeTitle => T("你的受导学生有变动", "A change among your mentees");
    public static LocalizedText NewMenteeBody => T("有学生被分配给你作为导师,请查看导师团名单。", "A student was assigned to you as mentor; see the mentor group.");
    public static LocalizedText DeadlineReminderTitle(int daysLeft) => T($"距学期结束还有 {daysLeft} 天:受导学生“三个一”尚未完成",
        daysLeft == 1 ? "1 day to the end of the semester: mentees' three ones are incomplete" : $"{daysLeft} days to the end of the semester: mentees' three ones are incomplete");
    public static LocalizedText HeadTeacherEscalationTitle(int days) => T($"提醒已过 {days} 天:班上学生的“三个一”仍未完成",
        $"{days} days after the reminder: students of your class still have incomplete three ones");
    public static LocalizedText SchoolAdminEscalationTitle(int daysLeft) => T($"距学期结束还有 {daysLeft} 天:仍有学生的“三个一”未完成",
        $"{daysLeft} days to the end of the semester: students' three ones are still incomplete");
    public static LocalizedText EscalatedStudentLine(string student, string className, string mentors, string gaps) =>
        T($"{student}({className},导师 {mentors}):{gaps}", $"{student} ({className}, mentor {mentors}): {gaps}");
    public static LocalizedText EscalationSummaryLine(string className, string mentor, int count, string students) =>
        T($"{className} · 导师 {mentor}:{count} 名学生({students})", count == 1 ? $"{className} · mentor {mentor}: 1 student ({students})" : $"{className} · mentor {mentor}: {count} students ({students})");
    public static LocalizedText MonthlyReportReminderTitle(DateOnly month) => T($"请提交 {month:yyyy年M月} 的月度汇报", $"Please hand in your monthly report for {month:yyyy-MM}");
}
