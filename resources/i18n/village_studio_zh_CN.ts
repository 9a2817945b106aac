<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaListModel</name>
    <message>
        <source>(%1 min)</source>
        <extracomment>The view&apos;s font (the item on air is this, bold): follows the large-text option.</extracomment>
        <translation>（%1 分钟）</translation>
    </message>
</context>
<context>
    <name>AgendaTableModel</name>
    <message>
        <source>Item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>OBS scene</source>
        <translation>OBS 场景</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(unnamed guest)</source>
        <translation>（未命名嘉宾）</translation>
    </message>
</context>
<context>
    <name>AiredQuestionsModel</name>
    <message>
        <source>On air at</source>
        <translation>上播时间</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未记录</translation>
    </message>
</context>
<context>
    <name>AnswerEditor</name>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Follow the question on air</source>
        <translation>跟随正在播出的问题</translation>
    </message>
    <message>
        <source>What was answered: the facts, figures and commitments, in a few sentences.</source>
        <translation>答复要点：事实、数字和承诺，用几句话概括。</translation>
    </message>
    <message>
        <source>Promise → follow-up… (Ctrl+P)</source>
        <translation>承诺转督办…（Ctrl+P）</translation>
    </message>
    <message>
        <source>History of this question…</source>
        <translation>本问题处理经过…</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Follow-ups from this question:</source>
        <translation>本问题的督办事项：</translation>
    </message>
    <message>
        <source>No question selected: take one to air, or pick an aired one.</source>
        <extracomment>The session&apos;s guests by name: (title, department), filled in when one is picked.</extracomment>
        <translation>未选择问题：请将问题上播，或选择已播出的问题。</translation>
    </message>
</context>
<context>
    <name>ArchiveSettingsDialog</name>
    <message>
        <source>Archive settings</source>
        <translation>档案库设置</translation>
    </message>
    <message>
        <source>https://…, as the county archive gave it</source>
        <extracomment>Colours of the dialogs&apos; verdicts (the house&apos;s red, amber and green). Tasks started by the test button (cancel them when the form goes away). Saved, but the credential is only in memory until the app closes (no keyring). What the last successful connection test said.</extracomment>
        <translation>https://…，按县档案库提供的地址填写</translation>
    </message>
    <message>
        <source>(stored; type to replace it)</source>
        <translation>（已保存；输入新凭证可替换）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Archive address</source>
        <translation>档案库地址</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>接入凭证</translation>
    </message>
    <message>
        <source>A credential is stored in this computer&apos;s password store (keyring). Leave the field empty to keep it, or type a new one to replace it.</source>
        <translation>这台电脑的密码库（keyring）中已保存接入凭证。留空则继续使用，输入新凭证则替换。</translation>
    </message>
    <message>
        <source>No credential is stored on this computer yet. Enter the one the county archive gave this studio.</source>
        <translation>这台电脑还没有保存接入凭证。请输入县档案库发给本直播间的凭证。</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the credential cannot be saved safely. It is kept only until Village Studio closes; you will have to enter it again next time. On Linux, install and unlock GNOME Keyring or KWallet to have it remembered.</source>
        <translation>这台电脑没有密码库（keyring），无法安全地保存接入凭证。凭证只保留到村镇直播间关闭为止，下次需要重新输入。在 Linux 上，安装并解锁 GNOME Keyring 或 KWallet 即可记住凭证。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the archive address first.</source>
        <translation>请先输入档案库地址。</translation>
    </message>
    <message>
        <source>Enter the credential to test the connection.</source>
        <translation>请输入接入凭证后再测试连接。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: the archive knows this credential as “%1” (studio %2).</source>
        <translation>连接成功：档案库识别此凭证为“%1”（直播间 %2）。</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <source>Session created</source>
        <extracomment>Human names of the audit trail&apos;s action names, marked for lupdate here.</extracomment>
        <translation>创建场次</translation>
    </message>
    <message>
        <source>Session deleted</source>
        <translation>删除场次</translation>
    </message>
    <message>
        <source>Show went live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <source>Show ended</source>
        <translation>直播结束</translation>
    </message>
    <message>
        <source>Record closed</source>
        <translation>记录已归档</translation>
    </message>
    <message>
        <source>Record reopened</source>
        <translation>重新打开记录</translation>
    </message>
    <message>
        <source>Rehearsal copy made</source>
        <translation>创建彩排副本</translation>
    </message>
    <message>
        <source>Practice session with sample questions made</source>
        <translation>已建立含示例问题的练习场次</translation>
    </message>
    <message>
        <source>Studio renamed</source>
        <translation>演播室已改名</translation>
    </message>
    <message>
        <source>Question entered</source>
        <translation>录入问题</translation>
    </message>
    <message>
        <source>Questions imported</source>
        <translation>导入问题</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予采用</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>暂缓处理</translation>
    </message>
    <message>
        <source>Reinstated</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>On-air text edited</source>
        <translation>修改播出文字</translation>
    </message>
    <message>
        <source>Sensitive words allowed on air</source>
        <translation>允许含敏感词播出</translation>
    </message>
    <message>
        <source>Sensitive-word permission withdrawn</source>
        <translation>撤销敏感词放行</translation>
    </message>
    <message>
        <source>Merged as duplicate</source>
        <translation>作为重复问题合并</translation>
    </message>
    <message>
        <source>Merge undone</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <source>Added to the on-air queue</source>
        <translation>加入播出队列</translation>
    </message>
    <message>
        <source>Taken out of the queue</source>
        <translation>移出播出队列</translation>
    </message>
    <message>
        <source>Moved in the queue</source>
        <translation>调整队列顺序</translation>
    </message>
    <message>
        <source>Taken to air</source>
        <translation>上播</translation>
    </message>
    <message>
        <source>Marked answered</source>
        <translation>标记为已答复</translation>
    </message>
    <message>
        <source>Pulled off air</source>
        <translation>撤下播出</translation>
    </message>
    <message>
        <source>Action undone</source>
        <translation>撤销操作</translation>
    </message>
    <message>
        <source>Answer recorded</source>
        <translation>记录答复</translation>
    </message>
    <message>
        <source>Agenda item on air</source>
        <translation>议程项开始播出</translation>
    </message>
    <message>
        <source>Recording started</source>
        <translation>开始录制</translation>
    </message>
    <message>
        <source>Recording stopped</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <source>Recording interrupted</source>
        <translation>录制中断</translation>
    </message>
    <message>
        <source>Stream started</source>
        <translation>开始推流</translation>
    </message>
    <message>
        <source>Stream stopped</source>
        <translation>停止推流</translation>
    </message>
    <message>
        <source>Stream interrupted</source>
        <translation>推流中断</translation>
    </message>
    <message>
        <source>Stream failed to start</source>
        <translation>推流启动失败</translation>
    </message>
    <message>
        <source>Follow-up created</source>
        <translation>创建督办事项</translation>
    </message>
    <message>
        <source>Follow-up status changed</source>
        <translation>督办状态变更</translation>
    </message>
    <message>
        <source>Follow-up progress noted</source>
        <translation>登记督办进展</translation>
    </message>
    <message>
        <source>Department added</source>
        <translation>新增部门</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Action code</source>
        <translation>操作代码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>操作前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>操作后</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Show the entries of one operator</source>
        <extracomment>Tasks started by the buttons (cancelled when the dialog closes).</extracomment>
        <translation>只看某位操作员的记录</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <source>Show one kind of action</source>
        <translation>只看某类操作</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Moderation</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>On air and recording</source>
        <translation>播出与录制</translation>
    </message>
    <message>
        <source>Session record</source>
        <translation>场次记录</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Search operator, action, question… (Ctrl+F)</source>
        <translation>搜索操作员、操作、问题……（Ctrl+F）</translation>
    </message>
    <message>
        <source>Select an entry to see it in full.</source>
        <translation>选择一条记录查看详情。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Audit trail — %1</source>
        <translation>操作记录 — %1</translation>
    </message>
    <message>
        <source>Everything done in “%1”, oldest first</source>
        <translation>“%1”的全部操作（按时间先后）</translation>
    </message>
    <message>
        <source>History of the question “%1”</source>
        <translation>问题“%1”的处理经过</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%1 / %2 条</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Nothing before: this action created it.</source>
        <translation>操作前无内容：由本次操作新建。</translation>
    </message>
    <message>
        <source>Nothing after: this action removed it.</source>
        <translation>操作后无内容：已被本次操作删除。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 entries written to %2</source>
        <translation>已将 %1 条记录写入 %2</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>audit trail.csv</source>
        <translation>操作记录.csv</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>AuditTrail</name>
    <message>
        <source>State</source>
        <extracomment>Role returning the row&apos;s ``AuditEntry``. Role returning the row&apos;s ``ActionKind``. Role returning a value that sorts naturally (the time as a number for the time column). Role returning the case-folded text the search looks in.</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On-air text</source>
        <translation>播出文字</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Queue position</source>
        <translation>队列位置</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>合并至</translation>
    </message>
    <message>
        <source>Residents asking</source>
        <translation>提问人数</translation>
    </message>
    <message>
        <source>Sensitive words allowed</source>
        <translation>允许敏感词</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止时间</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Recording or stream</source>
        <translation>录制或推流</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>推流</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Undid: %1</source>
        <translation>撤销：%1</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>Online message</source>
        <translation>网络留言</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Live comment</source>
        <translation>直播评论</translation>
    </message>
    <message>
        <source>In the studio</source>
        <translation>现场提问</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Health</source>
        <translation>运行状况</translation>
    </message>
    <message>
        <source>OBS</source>
        <extracomment>OBS&apos;s latest timecode per output: (milliseconds, monotonic time it was read).</extracomment>
        <translation>OBS</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Transition to program</source>
        <translation>切换到节目画面</translation>
    </message>
    <message>
        <source>STANDBY slate (F12)</source>
        <translation>待机画面 (F12)</translation>
    </message>
    <message>
        <source>Cut the broadcast to the standby slate at once, whatever is on air.</source>
        <translation>立即把直播画面切到待机画面，无论当前播出什么。</translation>
    </message>
    <message>
        <source>Recording and stream</source>
        <translation>录像与直播</translation>
    </message>
    <message>
        <source>Run of show</source>
        <extracomment>How much larger the panel&apos;s text is with the large-text option (Live menu).</extracomment>
        <translation>节目流程</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一项 ▶</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>On air: %1</source>
        <translation>正在播出：%1</translation>
    </message>
    <message>
        <source>On air: unknown (OBS not connected)</source>
        <translation>正在播出：未知（未连接 OBS）</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 录像中</translation>
    </message>
    <message>
        <source>● LIVE</source>
        <translation>● 直播中</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未录像</translation>
    </message>
    <message>
        <source>Not streaming</source>
        <translation>未直播</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation>开始录像</translation>
    </message>
    <message>
        <source>Stop stream</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <source>Start stream</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <source>Open a session to run its agenda.</source>
        <translation>打开一场直播，即可按议程进行。</translation>
    </message>
    <message>
        <source>%1: no agenda items yet.</source>
        <translation>%1：还没有议程。</translation>
    </message>
    <message>
        <source>⚠ Health</source>
        <translation>⚠ 运行状况</translation>
    </message>
</context>
<context>
    <name>DepartmentChecklistModel</name>
    <message>
        <source>This is the lead department.</source>
        <extracomment>Working days offered when the dialog opens (the usual &quot;within five working days&quot;). The set of checked departments changed (by the operator or because of the lead).</extracomment>
        <translation>该部门为牵头部门。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Village Studio is already running</source>
        <translation>村镇直播间已在运行</translation>
    </message>
    <message>
        <source>Another Village Studio window is already using the data folder
{path}

Switch to that window. If none is open, wait a few seconds and start again.</source>
        <translation>另一个村镇直播间窗口正在使用数据文件夹
{path}

请切换到该窗口。如果没有打开的窗口，请稍等几秒后重新启动。</translation>
    </message>
    <message>
        <source>Data from a newer version</source>
        <translation>数据来自更新的版本</translation>
    </message>
    <message>
        <source>The database
{path}
was written by a newer version of Village Studio.

Install the newer version to open it. Nothing was changed in the file.</source>
        <translation>数据库
{path}
由更新版本的村镇直播间写入。

请安装该新版本后再打开。文件未做任何改动。</translation>
    </message>
    <message>
        <source>The database cannot be read</source>
        <translation>无法读取数据库</translation>
    </message>
    <message>
        <source>The file
{path}
is not a Village Studio database or is damaged.

Nothing was changed in it. Restore the newest copy from the &apos;backups&apos; folder next to it, or move the file away to start with an empty database.</source>
        <translation>文件
{path}
不是村镇直播间数据库，或已损坏。

文件未做任何改动。请从其旁边的“backups”文件夹中恢复最新的副本，或将该文件移走，以空数据库重新开始。</translation>
    </message>
    <message>
        <source>The data folder is read-only</source>
        <translation>数据文件夹为只读</translation>
    </message>
    <message>
        <source>Village Studio cannot write to
{path}

Give your user write permission there, unlock the USB stick, or start the app with --data-dir pointing to a writable folder. Your saved records are intact.</source>
        <translation>村镇直播间无法写入
{path}

请为当前用户授予该位置的写入权限、解除 U 盘的写保护，或用 --data-dir 参数指定一个可写的文件夹来启动程序。已保存的记录完好无损。</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>There is no space left to save to
{path}

Free some space on that disk (old recordings are the usual cause), then try again. Everything saved before is intact; what you typed is still on screen.</source>
        <translation>磁盘空间不足，无法保存到
{path}

请清理该磁盘上的部分空间（通常是旧录像占用），然后重试。之前保存的内容完好无损，您输入的内容仍在屏幕上。</translation>
    </message>
    <message>
        <source>The database is busy</source>
        <translation>数据库正忙</translation>
    </message>
    <message>
        <source>Another program is holding the database
{path}
locked. Close it (a backup or sync tool, a database viewer) and try again.</source>
        <translation>另一个程序锁定了数据库
{path}
请关闭该程序（如备份或同步工具、数据库查看器）后重试。</translation>
    </message>
    <message>
        <source>(none needed)</source>
        <translation>（无需备份）</translation>
    </message>
    <message>
        <source>The database could not be upgraded</source>
        <translation>数据库升级失败</translation>
    </message>
    <message>
        <source>Upgrading
{path}
to this version failed and was undone; the file is as it was. A copy taken before the upgrade is at
{backup}

Please send the log file to your support contact.</source>
        <translation>将
{path}
升级到此版本失败，已全部撤销，文件保持原样。升级前备份的副本位于
{backup}

请将日志文件发送给技术支持人员。</translation>
    </message>
    <message>
        <source>Storage problem</source>
        <translation>存储出错</translation>
    </message>
    <message>
        <source>Village Studio could not use
{path}

Check that the disk is connected and working, then try again.</source>
        <translation>村镇直播间无法使用
{path}

请检查磁盘是否已连接且工作正常，然后重试。</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>Field labels, marked for lupdate here and translated when a message is built.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Guest name</source>
        <translation>嘉宾姓名</translation>
    </message>
    <message>
        <source>Agenda item title</source>
        <translation>议程项标题</translation>
    </message>
    <message>
        <source>Agenda item duration</source>
        <translation>议程项时长</translation>
    </message>
    <message>
        <source>Agenda item speaker</source>
        <translation>议程项发言人</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>On-air text</source>
        <translation>上屏文字</translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation>驳回理由</translation>
    </message>
    <message>
        <source>Promised action</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Reply or reason</source>
        <translation>答复或原因</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number of working days</source>
        <translation>工作日天数</translation>
    </message>
    <message>
        <source>The deadline is in the past: the follow-up would be overdue at once. Pick a later date, or confirm that this is an older promise being recorded.</source>
        <translation>办结时限早于今天，该督办事项一登记即为逾期。请选择更晚的日期，或确认这是补录的以往承诺。</translation>
    </message>
    <message>
        <source>That department is no longer in the list. Pick the department again.</source>
        <translation>该部门已不在列表中，请重新选择部门。</translation>
    </message>
    <message>
        <source>The lead department cannot also be a supporting department.</source>
        <translation>牵头部门不能同时作为配合部门。</translation>
    </message>
    <message>
        <source>This question has not been on air, so it has no answer to record. Take it to air first, or defer it to answer it in writing after the show.</source>
        <translation>该问题尚未播出，没有可记录的答复。请先将其上播，或暂缓处理、节目后书面答复。</translation>
    </message>
    <message>
        <source>There is already an operator with that name. Pick it from the list.</source>
        <translation>已有同名操作员，请从列表中选择。</translation>
    </message>
    <message>
        <source>Line {line} of the working-day file is not valid: write a date and “holiday” or “workday”, e.g. 2027-01-01 holiday.</source>
        <translation>工作日文件第 {line} 行格式不正确：请写日期加“holiday（休）”或“workday（班）”，例如 2027-01-01 holiday。</translation>
    </message>
    <message>
        <source>Not on air: the on-air text still contains personal data. Edit the on-air text (E) to remove it first.</source>
        <translation>未上屏：上屏文字中仍含有个人信息。请先编辑上屏文字（E）将其删除。</translation>
    </message>
    <message>
        <source>Not on air: the on-air text contains sensitive words (highlighted). Edit it, or allow it explicitly with “Allow sensitive words” (Ctrl+Shift+A).</source>
        <translation>未上屏：上屏文字含有敏感词（已高亮）。请修改，或用“允许敏感词”（Ctrl+Shift+A）明确放行。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Not undone: the question changed again since. Change it back by hand if needed.</source>
        <translation>未撤销：该问题此后又被修改过。如有需要，请手动改回。</translation>
    </message>
    <message>
        <source>An answered or merged question&apos;s on-air text can no longer be edited.</source>
        <translation>已答复或已合并的问题不能再修改上屏文字。</translation>
    </message>
    <message>
        <source>These questions cannot be merged: pick two different open questions of this session (undo a merge into a merged question first).</source>
        <translation>这两个问题无法合并：请选择本场次中两个不同的未结问题（若目标已被合并，请先撤销那次合并）。</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <source>{field} is too long.</source>
        <translation>{field}过长。</translation>
    </message>
    <message>
        <source>{field} is out of range.</source>
        <translation>{field}超出允许范围。</translation>
    </message>
    <message>
        <source>This session is closed; reopen it before editing.</source>
        <translation>该场次已归档，请重新打开后再编辑。</translation>
    </message>
    <message>
        <source>{field} is not valid.</source>
        <translation>{field}无效。</translation>
    </message>
    <message>
        <source>That step is not possible in the current state.</source>
        <translation>当前状态下不能执行这一步。</translation>
    </message>
    <message>
        <source>The operation was refused.</source>
        <translation>操作被拒绝。</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>（无日志文件）</translation>
    </message>
    <message>
        <source>Something went wrong inside Village Studio:
{summary}

What you saved is safe. The details are in the log file:
{log}</source>
        <translation>村镇直播间内部出错：
{summary}

已保存的内容不受影响。详细信息见日志文件：
{log}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Progress reply</source>
        <translation>进展答复</translation>
    </message>
</context>
<context>
    <name>EventOrigin</name>
    <message>
        <source>Department</source>
        <extracomment>Role returning the follow-up&apos;s ``uuid.UUID``. Role returning the row&apos;s ``FollowUpState``. Role returning how many days the follow-up is overdue (``0``: not overdue). Role returning the case-folded text the free-text search looks in. Role returning a value that sorts naturally (dates, not their text). Not done yet: what the &quot;open&quot; status filter shows. Workflow order, for sorting by status. The statuses offered for a change: the next step forward first (the one preselected), &quot;returned for rework&quot; last.</extracomment>
        <translation>部门</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>直播间</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Session date</source>
        <translation>场次日期</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>On-air text</source>
        <translation>上屏文字</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>On air at</source>
        <translation>播出时间</translation>
    </message>
    <message>
        <source>Recording timecode</source>
        <translation>录像时间码</translation>
    </message>
    <message>
        <source>Question no.</source>
        <translation>问题序号</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Supporting departments</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Latest reply</source>
        <translation>最新答复</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Days taken</source>
        <translation>办理天数</translation>
    </message>
    <message>
        <source>Promised on</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Resident contact</source>
        <translation>群众联系方式</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>流程环节</translation>
    </message>
    <message>
        <source>Planned (min)</source>
        <translation>计划时长（分钟）</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>On air (min)</source>
        <translation>播出时长（分钟）</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Q&amp;A ledger</source>
        <translation>问答台账</translation>
    </message>
    <message>
        <source>Session report</source>
        <translation>场次报告</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>演播室</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>Went live</source>
        <translation>开播时间</translation>
    </message>
    <message>
        <source>About this session</source>
        <translation>场次简介</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <source>Run of show</source>
        <translation>节目流程</translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation>问答内容</translation>
    </message>
    <message>
        <source>Question {0}</source>
        <translation>问题 {0}</translation>
    </message>
    <message>
        <source>No answer recorded.</source>
        <translation>未记录答复。</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>跟进事项办理情况</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Questions received</source>
        <translation>收到问题数</translation>
    </message>
    <message>
        <source>Questions on air</source>
        <translation>播出问题数</translation>
    </message>
    <message>
        <source>Questions answered</source>
        <translation>答复问题数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By state</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>Follow-ups by status</source>
        <translation>跟进事项按办理状态</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>Exported by</source>
        <translation>导出人</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>第 {0} 页，共 {1} 页</translation>
    </message>
    <message>
        <source>Public version: residents&apos; contact data and rejected questions are left out; personal data in the text is masked.</source>
        <translation>公开版：已略去群众联系方式和不采用的问题，正文中的个人信息已做遮蔽处理。</translation>
    </message>
    <message>
        <source>Internal record: contains residents&apos; personal data. Do not publish.</source>
        <translation>内部记录：含群众个人信息，请勿公开。</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source> (public)</source>
        <translation>（公开版）</translation>
    </message>
    <message>
        <source>Session records</source>
        <translation>场次记录</translation>
    </message>
    <message>
        <source>clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Question {0}: {1}</source>
        <translation>问题 {0}：{1}</translation>
    </message>
    <message>
        <source>Recording {0}</source>
        <translation>录像 {0}</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>{0} ({1}; deadline {2}; {3})</source>
        <translation>{0}（{1}；期限 {2}；{3}）</translation>
    </message>
    <message>
        <source>Produced with</source>
        <translation>生成软件</translation>
    </message>
    <message>
        <source>Village Studio {0}</source>
        <translation>村镇直播间 {0}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>格式版本</translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation>场次编号</translation>
    </message>
    <message>
        <source>Question ID</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>Follow-up ID</source>
        <translation>跟进事项编号</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Rejection reason</source>
        <translation>不采用原因</translation>
    </message>
    <message>
        <source>Rejection note</source>
        <translation>不采用说明</translation>
    </message>
    <message>
        <source>Merged into No.</source>
        <translation>并入问题序号</translation>
    </message>
    <message>
        <source>Times asked</source>
        <translation>提问人数</translation>
    </message>
    <message>
        <source>Queue position</source>
        <translation>排队位置</translation>
    </message>
    <message>
        <source>Aired despite sensitive words</source>
        <translation>敏感词放行</translation>
    </message>
    <message>
        <source>Answerer&apos;s title</source>
        <translation>答复人职务</translation>
    </message>
    <message>
        <source>Answerer&apos;s department</source>
        <translation>答复人单位</translation>
    </message>
    <message>
        <source>Answer recorded</source>
        <translation>答复记录时间</translation>
    </message>
    <message>
        <source>On air (s)</source>
        <translation>播出时长（秒）</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Before the show</source>
        <translation>节目开始前</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Village Studio exports</source>
        <translation>村镇直播间导出文件</translation>
    </message>
    <message>
        <source>Export records</source>
        <extracomment>The export finished; the folder it wrote to (the app remembers it).</extracomment>
        <translation>导出记录</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>This session: %1</source>
        <translation>本场次：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Sessions from</source>
        <translation>场次日期从</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>全部场次</translation>
    </message>
    <message>
        <source>Include rehearsal copies</source>
        <translation>包括演练副本</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Excel ledger (.xlsx)</source>
        <translation>Excel 台账（.xlsx）</translation>
    </message>
    <message>
        <source>Word report (.docx)</source>
        <translation>Word 报告（.docx）</translation>
    </message>
    <message>
        <source>PDF report (.pdf)</source>
        <translation>PDF 报告（.pdf）</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <source>JSON record (imports into another studio)</source>
        <translation>JSON 记录（可导入其他演播室）</translation>
    </message>
    <message>
        <source>Recording chapters</source>
        <translation>录像章节</translation>
    </message>
    <message>
        <source>A clip per question (FFmpeg)</source>
        <translation>每个问题一个片段（FFmpeg）</translation>
    </message>
    <message>
        <source>Public version (for publishing)</source>
        <translation>公开版（用于对外公开）</translation>
    </message>
    <message>
        <source>Leaves out residents&apos; phone numbers and contacts and rejected questions, shortens askers&apos; names and masks personal data in the text. You will see what was withheld.</source>
        <translation>不含群众的电话号码、联系方式和不采用的问题，提问人姓名缩写（如“张*”），正文中的个人信息做遮蔽处理。导出后会列出略去的内容。</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>The file OBS recorded</source>
        <translation>OBS 录制的文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Exact cuts (re-encode, much slower)</source>
        <translation>精确剪切（重新编码，速度慢很多）</translation>
    </message>
    <message>
        <source>Recording:</source>
        <translation>录像：</translation>
    </message>
    <message>
        <source>Save in:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save exports in</source>
        <translation>选择导出文件的保存位置</translation>
    </message>
    <message>
        <source>The session&apos;s recording</source>
        <translation>本场次的录像</translation>
    </message>
    <message>
        <source>Recordings (*.mkv *.mp4 *.mov *.flv *.ts);;All files (*)</source>
        <translation>录像文件 (*.mkv *.mp4 *.mov *.flv *.ts);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Tick at least one format.</source>
        <translation>请至少勾选一种格式。</translation>
    </message>
    <message>
        <source>Choose the folder to save in.</source>
        <translation>请选择保存文件夹。</translation>
    </message>
    <message>
        <source>Reading the records…</source>
        <translation>正在读取记录…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Done: %1 sessions, %2 files in %3.</source>
        <translation>完成：%1 个场次，共 %2 个文件，保存在 %3。</translation>
    </message>
    <message>
        <source>no recording file known</source>
        <translation>没有已知的录像文件</translation>
    </message>
    <message>
        <source>no question on air while recording</source>
        <translation>录像期间没有问题上屏</translation>
    </message>
    <message>
        <source>Not made: %1 of “%2”: %3</source>
        <translation>未生成：“%2”的%1：%3</translation>
    </message>
</context>
<context>
    <name>ExportErrors</name>
    <message>
        <source>The disk is full: {0} could not be written. Free some space or choose another folder; nothing half-written was left behind.</source>
        <translation>磁盘已满，无法写入 {0}。请清理出一些空间或选择其他文件夹；没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>{0} cannot be written here (read-only or no permission). Choose another folder, e.g. your Documents.</source>
        <translation>无法在此处写入 {0}（只读或没有权限）。请选择其他文件夹，例如“文档”。</translation>
    </message>
    <message>
        <source>The folder for {0} does not exist and cannot be created (is a file in the way, or a USB stick gone?). Choose another folder.</source>
        <translation>{0} 所在的文件夹不存在，也无法创建（是否有同名文件占用，或 U 盘已拔出？）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>{0} could not be written ({1}). Choose another folder and try again.</source>
        <translation>无法写入 {0}（{1}）。请选择其他文件夹后重试。</translation>
    </message>
    <message>
        <source>The export was cancelled. No half-written file was left behind.</source>
        <translation>导出已取消。没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>There is nothing to export: no session matches. Check the dates or ids.</source>
        <translation>没有可导出的内容：没有符合条件的场次。请检查日期或编号。</translation>
    </message>
    <message>
        <source>The public version still contains personal data ({0}), so nothing was written. Edit those texts to mask it, or export the internal version instead.</source>
        <translation>公开版中仍含有个人信息（{0}），因此未写入任何文件。请修改相关文字将其遮蔽，或改为导出内部版。</translation>
    </message>
    <message>
        <source>A session to export no longer exists. Refresh the list and try again.</source>
        <translation>要导出的某个场次已不存在。请刷新列表后重试。</translation>
    </message>
    <message>
        <source>The Chinese font for the PDF cannot be read ({0}). Choose another font file.</source>
        <translation>无法读取 PDF 所用的中文字体（{0}）。请选择其他字体文件。</translation>
    </message>
    <message>
        <source>No Chinese font was found for the PDF. Install one (on Linux: the fonts-noto-cjk package; Windows has Microsoft YaHei) or name a font file with --font. Looked in: {0}</source>
        <translation>未找到 PDF 所需的中文字体。请安装中文字体（Linux：安装 fonts-noto-cjk 软件包；Windows 自带 Microsoft YaHei），或用 --font 指定字体文件。已查找：{0}</translation>
    </message>
    <message>
        <source>FFmpeg was not found, so no clips can be cut. Install FFmpeg (on Linux: the ffmpeg package) and try again.</source>
        <translation>未找到 FFmpeg，无法剪切片段。请安装 FFmpeg（Linux：安装 ffmpeg 软件包）后重试。</translation>
    </message>
    <message>
        <source>The recording {0} is not there (moved or deleted?). Choose the recording file of this session.</source>
        <translation>找不到录像 {0}（是否已被移动或删除？）。请选择本场次的录像文件。</translation>
    </message>
    <message>
        <source>OBS reported no recording file for this session. Choose the recording.</source>
        <translation>OBS 未报告本场次的录像文件。请选择录像。</translation>
    </message>
    <message>
        <source>No question was on air while the recording ran, so there is nothing to cut.</source>
        <translation>录像期间没有问题上屏，因此没有可剪切的内容。</translation>
    </message>
    <message>
        <source>This session has several recordings: clips are cut from the files OBS made, so do not name one.</source>
        <translation>本场次有多个录像：片段将从 OBS 生成的各个文件中剪切，请不要指定录像文件。</translation>
    </message>
    <message>
        <source>{0} cannot be read as a video. Choose the session&apos;s recording.</source>
        <translation>{0} 无法作为视频读取。请选择本场次的录像。</translation>
    </message>
    <message>
        <source>{0} ends before the questions went on air: it is not this session&apos;s recording. Choose the right file.</source>
        <translation>{0} 在问题上屏之前就已结束，不是本场次的录像。请选择正确的文件。</translation>
    </message>
    <message>
        <source>FFmpeg could not cut the clips. The log has the details.</source>
        <translation>FFmpeg 未能剪切片段。详细信息请查看日志。</translation>
    </message>
</context>
<context>
    <name>ExportWithheld</name>
    <message>
        <source>Public version: withheld from the files</source>
        <translation>公开版：以下内容未写入文件</translation>
    </message>
    <message>
        <source>nothing: there was no private data to leave out.</source>
        <translation>无：没有需要略去的个人信息。</translation>
    </message>
    <message>
        <source>{0} rejected questions:</source>
        <translation>{0} 个不采用的问题：</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… 另有 {0} 条</translation>
    </message>
    <message>
        <source>{0} residents&apos; phone numbers</source>
        <translation>{0} 个群众电话号码</translation>
    </message>
    <message>
        <source>{0} residents&apos; contacts on follow-ups</source>
        <translation>跟进事项中的 {0} 条群众联系方式</translation>
    </message>
    <message>
        <source>{0} askers&apos; names shortened (张*)</source>
        <translation>{0} 个提问人姓名已缩写（张*）</translation>
    </message>
    <message>
        <source>{0} {1} masked in questions, answers and replies</source>
        <translation>问题、答复和进展答复中已遮蔽 {0} 处{1}</translation>
    </message>
    <message>
        <source>the audit trail ({0} entries)</source>
        <translation>操作记录（{0} 条）</translation>
    </message>
</context>
<context>
    <name>FollowUpBoard</name>
    <message>
        <source>%1% (%2/%3)</source>
        <translation>%1%（%2/%3）</translation>
    </message>
    <message>
        <source>Completion %1</source>
        <translation>完成率 %1</translation>
    </message>
    <message>
        <source>On time %1</source>
        <translation>按期率 %1</translation>
    </message>
    <message>
        <source>%1 follow-ups · %2 · %3 · %4 overdue</source>
        <translation>共 %1 件 · %2 · %3 · 逾期 %4 件</translation>
    </message>
    <message>
        <source>(unknown session)</source>
        <translation>（未知场次）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 days overdue</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟踪督办</translation>
    </message>
    <message>
        <source>Completion figures</source>
        <translation>办结情况统计</translation>
    </message>
    <message>
        <source>Look back</source>
        <translation>回头看</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (not done)</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <source>Search promise, department, person, reply</source>
        <translation>搜索承诺事项、部门、责任人、答复</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>Selected follow-up</source>
        <translation>所选督办事项</translation>
    </message>
    <message>
        <source>Progress note, or the reason when returning for rework</source>
        <translation>填写办理进展，或退回重办的原因</translation>
    </message>
    <message>
        <source>Add reply</source>
        <translation>添加答复</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>New status:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <source>Completion: done (resolved or published) out of all. On time: done by the deadline out of those due (done, or open and past the deadline).</source>
        <translation>完成率：已办结（含已公开）的件数占全部件数的比例。按期率：在期限内办结的件数占到期件数（已办结的，以及未办结且已超过期限的）的比例。</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Copy the list to the clipboard, to read out or paste into the script</source>
        <translation>将清单复制到剪贴板，便于节目中宣读或粘贴到串词稿</translation>
    </message>
    <message>
        <source>(unknown department)</source>
        <translation>（未知部门）</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2 件</translation>
    </message>
    <message>
        <source>Select a follow-up to see its history.</source>
        <translation>选择一条督办事项，查看其办理记录。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>场次：%1</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>牵头部门：%1</translation>
    </message>
    <message>
        <source>Supporting: %1</source>
        <translation>配合部门：%1</translation>
    </message>
    <message>
        <source>Responsible: %1</source>
        <translation>责任人：%1</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>办结时限：%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>No earlier session to look back on.</source>
        <translation>没有更早的场次可供回头看。</translation>
    </message>
    <message>
        <source>Open a session to see the promises of the one before it.</source>
        <translation>打开一期节目，即可查看上一期节目的承诺事项。</translation>
    </message>
    <message>
        <source>Look back: promises made in %1</source>
        <translation>回头看：%1 的承诺事项</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1. %2 (lead: %3; deadline: %4; %5)</source>
        <translation>%1. %2（牵头部门：%3；时限：%4；%5）</translation>
    </message>
    <message>
        <source>   Latest reply: %1</source>
        <translation>   最新答复：%1</translation>
    </message>
    <message>
        <source>No promises were recorded in that session.</source>
        <translation>该期节目没有登记承诺事项。</translation>
    </message>
</context>
<context>
    <name>FollowUpBoardController</name>
    <message>
        <source>Loading follow-ups…</source>
        <extracomment>After a load, set the new board&apos;s objects aside from later full collections, once it has painted: 5 000 follow-ups with their histories would otherwise be walked by every full collection (see studio_app.ui.gc), a stall in the middle of typing a reply. The follow-up the detail pane shows (what replies and status changes apply to).</extracomment>
        <translation>正在加载督办事项…</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Select a follow-up first.</source>
        <translation>请先选择一条督办事项。</translation>
    </message>
    <message>
        <source>Reply added.</source>
        <translation>答复已添加。</translation>
    </message>
    <message>
        <source>This follow-up is finished: its status cannot change.</source>
        <translation>该事项已办结公开，状态不能再变更。</translation>
    </message>
    <message>
        <source>Status changed.</source>
        <translation>状态已变更。</translation>
    </message>
</context>
<context>
    <name>FollowUpHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>填写人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Promise recorded and assigned</source>
        <translation>承诺已登记并交办</translation>
    </message>
</context>
<context>
    <name>FollowUpStatus</name>
    <message>
        <source>Assigned</source>
        <translation>已交办</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公开</translation>
    </message>
    <message>
        <source>Returned for rework</source>
        <translation>退回重办</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Session</source>
        <extracomment>Bumped whenever a row&apos;s contents change (filters cache their decisions per value).</extracomment>
        <translation>场次</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Supporting</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Latest reply</source>
        <translation>最新答复</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>(unknown department)</source>
        <translation>（未知部门）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Done late</source>
        <translation>超期办结</translation>
    </message>
</context>
<context>
    <name>GuestTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>(attribute, header) per column; set by subclasses.</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Operator&apos;s guide</source>
        <translation>操作指南</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Frames per second OBS draws, and how many it should draw</source>
        <translation>OBS 每秒实际绘制的帧数，以及应有的帧数</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU 占用</translation>
    </message>
    <message>
        <source>How much of the processor OBS uses</source>
        <translation>OBS 占用的处理器（CPU）比例</translation>
    </message>
    <message>
        <source>Render lag</source>
        <translation>渲染延迟</translation>
    </message>
    <message>
        <source>Frames OBS could not draw in time since it started (graphics overload)</source>
        <translation>OBS 启动以来未能及时绘制的帧数（显卡负荷过重）</translation>
    </message>
    <message>
        <source>Encoding lag</source>
        <translation>编码延迟</translation>
    </message>
    <message>
        <source>Frames the video encoder skipped since it started (processor overload)</source>
        <translation>视频编码器启动以来跳过的帧数（处理器负荷过重）</translation>
    </message>
    <message>
        <source>Network drops</source>
        <translation>网络丢帧</translation>
    </message>
    <message>
        <source>Frames of the live stream lost on the network since the stream started</source>
        <translation>本次直播开始以来在网络上丢失的帧数</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>磁盘剩余</translation>
    </message>
    <message>
        <source>Free space on the disk OBS records to</source>
        <translation>OBS 录像所在磁盘的剩余空间</translation>
    </message>
    <message>
        <source>No data — OBS not connected</source>
        <translation>无数据——未连接 OBS</translation>
    </message>
    <message>
        <source>%1 / %2 fps</source>
        <translation>%1 / %2 帧/秒</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Not streaming</source>
        <translation>未在直播</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>OBS needs attention</source>
        <translation>OBS 需要处理</translation>
    </message>
    <message>
        <source>OBS is running smoothly</source>
        <translation>OBS 运行正常</translation>
    </message>
    <message>
        <source>Only %1 GB free on the recording disk. Free up space or choose another recording folder now, before the recording stops.</source>
        <translation>录像磁盘只剩 %1 GB。请立即清理空间或更换录像文件夹，以免录像中断。</translation>
    </message>
    <message>
        <source>OBS cannot draw the picture in time (%1 frames lost in the last few seconds). Close other programs and remove sources you do not need.</source>
        <translation>OBS 来不及绘制画面（最近几秒丢失 %1 帧）。请关闭其他程序，并移除不需要的来源。</translation>
    </message>
    <message>
        <source>The computer cannot encode the video fast enough (%1 frames skipped in the last few seconds). Lower the output resolution or bitrate in OBS, or close other programs.</source>
        <translation>电脑来不及编码视频（最近几秒跳过 %1 帧）。请在 OBS 中降低输出分辨率或码率，或关闭其他程序。</translation>
    </message>
    <message>
        <source>The live stream is losing frames on the network (%1 in the last few seconds). Check the network cable or Wi-Fi and the upload speed, and stop other uploads and downloads.</source>
        <translation>直播画面在网络上丢帧（最近几秒 %1 帧）。请检查网线或 Wi-Fi 及上传速度，并停止其他上传和下载。</translation>
    </message>
    <message>
        <source>OBS draws only %1 of %2 frames per second. Close other programs or lower the output resolution in OBS.</source>
        <translation>OBS 每秒只绘制 %1 帧（应为 %2 帧）。请关闭其他程序，或在 OBS 中降低输出分辨率。</translation>
    </message>
    <message>
        <source>OBS is using %1 % of the processor. Close other programs; if it stays high, lower the output resolution or bitrate in OBS.</source>
        <translation>OBS 占用了 %1% 的处理器。请关闭其他程序；如果仍然很高，请在 OBS 中降低输出分辨率或码率。</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Operator&apos;s &amp;guide</source>
        <translation>操作指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Set-up assistant…</source>
        <translation>设置向导(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About Village Studio</source>
        <translation>关于村镇直播间(&amp;A)</translation>
    </message>
    <message>
        <source>Operator&apos;s guide</source>
        <translation>操作指南</translation>
    </message>
    <message>
        <source>The operator&apos;s guide is missing from %1. Reinstall Village Studio.</source>
        <translation>找不到操作指南（%1）。请重新安装村镇直播间。</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Village Studio will speak %1 from its next start.</source>
        <translation>下次启动村镇直播间时，界面将使用%1。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>About Village Studio</source>
        <translation>关于村镇直播间</translation>
    </message>
    <message>
        <source>Village Studio %1

Live question-and-answer broadcasts for township and village studios: OBS control, moderated questions, session records, follow-ups and the county archive.</source>
        <translation>村镇直播间 %1

为乡镇、村直播间的问政直播而做：控制 OBS、审核群众提问、记录每一场、督办承诺事项，并同步到县档案库。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>The file {path} does not exist. Check its name and folder.</source>
        <translation>文件 {path} 不存在。请检查文件名和所在文件夹。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read. If it is open in Excel or WPS, close it there and try again.</source>
        <translation>无法读取文件 {path}。如果它正在 Excel 或 WPS 中打开，请先关闭再重试。</translation>
    </message>
    <message>
        <source>The file {path} is empty: there is nothing to import.</source>
        <translation>文件 {path} 是空的，没有可导入的内容。</translation>
    </message>
    <message>
        <source>The first filled row of {path} holds data, not column names. Insert a row with column names (for example 时间, 提问人, 问题) above the data and import again.</source>
        <translation>{path} 的第一行有内容的行是数据，而不是列名。请在数据上方插入一行列名（例如 时间、提问人、问题）后重新导入。</translation>
    </message>
    <message>
        <source>No column of {path} was recognised as the question text. Its columns: {columns}. Choose the column that holds the questions.</source>
        <translation>{path} 中没有识别出问题内容列。现有的列：{columns}。请指定哪一列是问题内容。</translation>
    </message>
    <message>
        <source>The file {path} has column names but no rows under them.</source>
        <translation>文件 {path} 只有列名，下面没有数据行。</translation>
    </message>
    <message>
        <source>The file {path} is not a table (CSV or Excel .xlsx). If it opens in Excel or WPS, save it from there as .xlsx and import that file.</source>
        <translation>文件 {path} 不是表格（CSV 或 Excel .xlsx）。如果它能用 Excel 或 WPS 打开，请在其中另存为 .xlsx，再导入另存的文件。</translation>
    </message>
    <message>
        <source>The file {path} is an old-format (.xls) or password-protected workbook. Open it in Excel or WPS, remove any password, save it as .xlsx (Excel workbook) and import that file.</source>
        <translation>文件 {path} 是旧格式（.xls）或设有密码的工作簿。请用 Excel 或 WPS 打开，去掉密码（如有），另存为 .xlsx（Excel 工作簿）后导入另存的文件。</translation>
    </message>
    <message>
        <source>The file {path} is too large: at most {rows} rows and {megabytes} MB can be imported at once. Split it into smaller files.</source>
        <translation>文件 {path} 太大：一次最多导入 {rows} 行、{megabytes} MB。请拆分成几个较小的文件。</translation>
    </message>
    <message>
        <source>The workbook {path} is damaged and cannot be read. Open it in Excel or WPS (they can often repair it), save it again as .xlsx and import that file.</source>
        <translation>工作簿 {path} 已损坏，无法读取。请用 Excel 或 WPS 打开（它们通常能修复），重新另存为 .xlsx 后导入另存的文件。</translation>
    </message>
    <message>
        <source>The workbook {path} has no sheet named “{sheet}”. Its sheets: {sheets}.</source>
        <translation>工作簿 {path} 中没有名为“{sheet}”的工作表。现有的工作表：{sheets}。</translation>
    </message>
    <message>
        <source>The file {path} cannot be imported.</source>
        <translation>文件 {path} 无法导入。</translation>
    </message>
    <message>
        <source>empty row</source>
        <extracomment>Why rows were skipped and what was odd in imported rows, marked for lupdate here.</extracomment>
        <translation>空行</translation>
    </message>
    <message>
        <source>no question text</source>
        <translation>没有问题内容</translation>
    </message>
    <message>
        <source>question text longer than {max} characters</source>
        <translation>问题内容超过 {max} 个字</translation>
    </message>
    <message>
        <source>same as an earlier row</source>
        <translation>与前面某行完全相同</translation>
    </message>
    <message>
        <source>time not understood; imported without a time</source>
        <translation>时间无法识别，已导入但不带时间</translation>
    </message>
    <message>
        <source>unknown channel; imported as “other”</source>
        <translation>渠道无法识别，已按“其他”导入</translation>
    </message>
    <message>
        <source>phone number in Excel&apos;s scientific notation; digits are lost</source>
        <translation>电话号码被 Excel 显示为科学计数法，部分数字已丢失</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import questions</source>
        <translation>导入问题</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>%1 — %2 rows</source>
        <translation>%1 — 共 %2 行</translation>
    </message>
    <message>
        <source>encoding %1</source>
        <translation>编码 %1</translation>
    </message>
    <message>
        <source>sheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <source>Check which column holds what. Columns set to “not imported” are left out.</source>
        <translation>请核对每一列的内容。设为“不导入”的列将被略过。</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the column that holds the questions.</source>
        <translation>请选择问题内容所在的列。</translation>
    </message>
    <message>
        <source>Each kind of value can come from one column only.</source>
        <translation>每种内容只能来自一列。</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.txt)</source>
        <translation>表格 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported: %1 questions.</source>
        <translation>已导入：%1 条问题。</translation>
    </message>
    <message>
        <source>Skipped: %1 rows</source>
        <translation>跳过：%1 行</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>New question</source>
        <translation>新问题</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Phone (private)</source>
        <translation>电话（不公开）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The question, as the resident asked it — Enter files it</source>
        <translation>按群众原话填写问题，按回车提交</translation>
    </message>
    <message>
        <source>File</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>LAN intake…</source>
        <translation>局域网收集…</translation>
    </message>
</context>
<context>
    <name>LanIntakeDialog</name>
    <message>
        <source>Questions from the hotline desk</source>
        <extracomment>Intake was switched on (``True``) or off; emitted once the server has done it. A new token was made (the app may save it so printed links survive a restart).</extracomment>
        <translation>热线接听席提交问题</translation>
    </message>
    <message>
        <source>Accept questions from other computers on this network</source>
        <translation>接收本网络中其他电脑提交的问题</translation>
    </message>
    <message>
        <source>On the hotline desk&apos;s computer or phone, connected to the same network, open this address or scan the code. Questions sent there go to the moderator&apos;s list; nothing goes on air without approval. Anyone who has the link can send questions: if it was passed on by mistake, make a new link.</source>
        <translation>在连接同一网络的热线接听席电脑或手机上打开此地址，或扫描二维码。在那里提交的问题会进入主持人的问题列表；未经批准，任何内容都不会上屏播出。任何拿到此链接的人都能提交问题：如果链接被误传，请生成新链接。</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>生成新链接</translation>
    </message>
    <message>
        <source>Makes a new address; the old link and QR code stop working.</source>
        <translation>生成新的地址；旧链接和二维码随即失效。</translation>
    </message>
    <message>
        <source>Switching on…</source>
        <translation>正在开启…</translation>
    </message>
    <message>
        <source>Switching off…</source>
        <translation>正在关闭…</translation>
    </message>
    <message>
        <source>Could not accept questions from the network: {reason}</source>
        <translation>无法接收来自网络的问题：{reason}</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Switched off: the hotline desk cannot send questions.</source>
        <translation>已关闭：热线接听席无法提交问题。</translation>
    </message>
    <message>
        <source>Switched on: waiting for questions.</source>
        <translation>已开启：等待提交问题。</translation>
    </message>
    <message>
        <source>This computer has no network address, so only this computer can open the form. Connect it to the office network, then switch intake off and on again.</source>
        <translation>本机没有网络地址，只有本机能打开提交页面。请将本机连接到办公网络，然后关闭再重新开启接收。</translation>
    </message>
    <message>
        <source>Address copied.</source>
        <translation>地址已复制。</translation>
    </message>
    <message>
        <source>New link made; the old link and QR code no longer work.</source>
        <translation>已生成新链接；旧链接和二维码已失效。</translation>
    </message>
</context>
<context>
    <name>LiveController</name>
    <message>
        <source>Cut to &amp;standby slate</source>
        <extracomment>How often the running times of recording and stream are redrawn.</extracomment>
        <translation>切到待机画面(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Transition preview to program</source>
        <translation>预览切换到节目(&amp;T)</translation>
    </message>
    <message>
        <source>Start/stop &amp;recording</source>
        <translation>开始/停止录像(&amp;R)</translation>
    </message>
    <message>
        <source>Start/stop s&amp;tream</source>
        <translation>开始/停止直播(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next agenda item</source>
        <translation>下一项议程(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous agenda item</source>
        <translation>上一项议程(&amp;P)</translation>
    </message>
    <message>
        <source>Scene %1</source>
        <translation>场景 %1</translation>
    </message>
    <message>
        <source>&amp;Connect to OBS</source>
        <translation>连接 OBS(&amp;C)</translation>
    </message>
    <message>
        <source>OBS connection &amp;settings…</source>
        <translation>OBS 连接设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Prepare OBS</source>
        <translation>准备 OBS(&amp;P)</translation>
    </message>
    <message>
        <source>Switch to scene</source>
        <translation>切换到场景</translation>
    </message>
    <message>
        <source>&amp;Large text in live control</source>
        <translation>直播控制区大字显示(&amp;L)</translation>
    </message>
    <message>
        <source>Standby slate on air.</source>
        <translation>待机画面已播出。</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Stop the recording now? The file is finished and a new one starts next time.</source>
        <translation>现在停止录像吗？当前文件将结束，下次录像会生成新文件。</translation>
    </message>
    <message>
        <source>Stop the stream</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <source>End the live stream now? Viewers will see the broadcast end.</source>
        <translation>现在结束直播吗？观众将看到直播结束。</translation>
    </message>
    <message>
        <source>This recording is not linked to a session: open the session in the list to have it in the session record.</source>
        <translation>这次录像没有关联到任何一场直播：请在列表中打开该场直播，录像才会记入直播记录。</translation>
    </message>
    <message>
        <source>This stream is not linked to a session: open the session in the list to have it in the session record.</source>
        <translation>这次直播推流没有关联到任何一场直播：请在列表中打开该场直播，推流才会记入直播记录。</translation>
    </message>
    <message>
        <source>“%1” started; OBS is not connected, so its scene was not switched.</source>
        <translation>“%1”已开始；未连接 OBS，因此没有切换场景。</translation>
    </message>
    <message>
        <source>“%1” started.</source>
        <translation>“%1”已开始。</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>The settings could not be written to
%1

They are used until Village Studio closes. Check that the data folder is writable.</source>
        <translation>无法把设置写入
%1

这些设置在本次关闭村镇直播间之前有效。请检查数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>No password store on this computer: the OBS password is kept only until Village Studio closes.</source>
        <translation>这台电脑没有密码库：OBS 密码只保留到村镇直播间关闭为止。</translation>
    </message>
    <message>
        <source>Created in OBS:
%1</source>
        <translation>已在 OBS 中创建：
%1</translation>
    </message>
    <message>
        <source>OBS already has everything Village Studio needs.</source>
        <translation>OBS 中已具备村镇直播间所需的全部内容。</translation>
    </message>
    <message>
        <source>Prepare OBS</source>
        <translation>准备 OBS</translation>
    </message>
    <message>
        <source>Not stored in the session record: %1</source>
        <translation>未能记入直播记录：%1</translation>
    </message>
    <message>
        <source>Dis&amp;connect from OBS</source>
        <translation>断开 OBS(&amp;C)</translation>
    </message>
    <message>
        <source>Recording saved: %1</source>
        <translation>录像已保存：%1</translation>
    </message>
    <message>
        <source>⚠ OBS needs attention</source>
        <translation>⚠ OBS 需要处理</translation>
    </message>
    <message>
        <source>The stream did not start: OBS could not reach the streaming server.

Check the internet connection and the server and stream key in OBS (Settings → Stream), then start the stream again. Recording is not affected.</source>
        <translation>直播没有开始：OBS 无法连接直播服务器。

请检查网络连接，以及 OBS 中的服务器和推流码（设置 → 直播），然后重新开始直播。录像不受影响。</translation>
    </message>
    <message>
        <source>The stream did not start.</source>
        <translation>直播没有开始。</translation>
    </message>
    <message>
        <source>Stream failed</source>
        <translation>直播失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Create a session with “New session”, or pick one from the list.</source>
        <translation>点击“新建场次”创建场次，或从列表中选择一个场次。</translation>
    </message>
    <message>
        <source>OBS: not connected</source>
        <translation>OBS：未连接</translation>
    </message>
    <message>
        <source>Archive: not set up</source>
        <translation>档案库：未设置</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>场次(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建场次(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save now</source>
        <translation>立即保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find session</source>
        <translation>查找场次(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Village Studio</source>
        <extracomment>Quiet time after the last keystroke before the session is written to disk.</extracomment>
        <translation>村镇直播间</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>策划(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Questions</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Live control</source>
        <translation>直播控制</translation>
    </message>
    <message>
        <source>Switch &amp;operator…</source>
        <translation>切换操作员(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export records…</source>
        <translation>导出记录(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <extracomment>Filled by the live controller once OBS is wired in.</extracomment>
        <translation>直播(&amp;L)</translation>
    </message>
    <message>
        <source>Follow-up &amp;board</source>
        <translation>督办看板(&amp;B)</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message>
        <source>REHEARSAL</source>
        <translation>彩排</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>All changes saved (%1)</source>
        <translation>所有更改已保存（%1）</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新场次</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>删除场次</translation>
    </message>
    <message>
        <source>Delete this session with its guests and agenda? This cannot be undone.</source>
        <translation>确定删除此场次及其嘉宾和议程吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The session on screen could not be saved:
%1

Keep editing to fix it, or quit and lose the changes since the last save.</source>
        <translation>当前场次无法保存：
%1

请继续编辑以修正问题，或退出并放弃上次保存之后的更改。</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Quit without saving</source>
        <translation>不保存并退出</translation>
    </message>
</context>
<context>
    <name>Obs</name>
    <message>
        <source>OBS: connected (OBS {version})</source>
        <translation>OBS：已连接（OBS {version}）</translation>
    </message>
    <message>
        <source>OBS: connecting…</source>
        <translation>OBS：正在连接…</translation>
    </message>
    <message>
        <source>OBS: wrong password</source>
        <translation>OBS：密码错误</translation>
    </message>
    <message>
        <source>Enter the password shown in OBS under Tools → WebSocket Server Settings (“Show Connect Info”).</source>
        <translation>请输入 OBS 中“工具 → WebSocket 服务器设置”（“显示连接信息”）里显示的密码。</translation>
    </message>
    <message>
        <source>OBS: not running</source>
        <translation>OBS：未运行</translation>
    </message>
    <message>
        <source>Start OBS Studio on this computer; Village Studio connects by itself.</source>
        <translation>请在本机启动 OBS Studio，村镇直播间会自动连接。</translation>
    </message>
    <message>
        <source>OBS: too old</source>
        <translation>OBS：版本过旧</translation>
    </message>
    <message>
        <source>Install OBS Studio 29 or newer (obs-websocket {version} is too old).</source>
        <translation>请安装 OBS Studio 29 或更新版本（obs-websocket {version} 过旧）。</translation>
    </message>
    <message>
        <source>OBS: not reachable</source>
        <translation>OBS：无法连接</translation>
    </message>
    <message>
        <source>Check the address and port in the settings, and that the WebSocket server is enabled in OBS (Tools → WebSocket Server Settings).</source>
        <translation>请检查设置中的地址和端口，并确认 OBS 已启用 WebSocket 服务器（工具 → WebSocket 服务器设置）。</translation>
    </message>
    <message>
        <source>OBS: not connected</source>
        <translation>OBS：未连接</translation>
    </message>
    <message>
        <source>OBS is not connected: nothing was sent. Check the OBS status above.</source>
        <translation>未连接 OBS：没有发送任何指令。请查看上方的 OBS 状态。</translation>
    </message>
    <message>
        <source>The connection to OBS broke; Village Studio is reconnecting. Try again.</source>
        <translation>与 OBS 的连接中断了，村镇直播间正在重新连接。请再试一次。</translation>
    </message>
    <message>
        <source>OBS does not have that scene or source (was it renamed or removed?).</source>
        <translation>OBS 中没有这个场景或来源（是否被改名或删除了？）。</translation>
    </message>
    <message>
        <source>OBS refused the request: {reason}</source>
        <translation>OBS 拒绝了该操作：{reason}</translation>
    </message>
    <message>
        <source>The request to OBS failed.</source>
        <translation>发给 OBS 的指令失败了。</translation>
    </message>
</context>
<context>
    <name>ObsSettingsDialog</name>
    <message>
        <source>OBS connection</source>
        <translation>OBS 连接</translation>
    </message>
    <message>
        <source>Show</source>
        <extracomment>Tries settings and returns the connection verdict (a throw-away gateway in the app). Tasks started by the test button (cancel them when the form goes away).</extracomment>
        <translation>显示</translation>
    </message>
    <message>
        <source>Connect to OBS when Village Studio starts</source>
        <translation>村镇直播间启动时自动连接 OBS</translation>
    </message>
    <message>
        <source>Computer (address)</source>
        <translation>电脑（地址）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>In OBS, open Tools → WebSocket Server Settings, tick “Enable WebSocket server”, and click “Show Connect Info”: it shows the port and the password to enter here. For OBS on this computer keep the address 127.0.0.1.</source>
        <translation>在 OBS 中打开“工具 → WebSocket 服务器设置”，勾选“启用 WebSocket 服务器”，再点击“显示连接信息”：其中的端口和密码填在这里。OBS 在本机时，地址保持 127.0.0.1。</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the password cannot be saved safely. It is kept only until Village Studio closes; you will be asked again next time. On Linux, install and unlock GNOME Keyring or KWallet to have it remembered.</source>
        <translation>这台电脑没有密码库（keyring），无法安全地保存密码。密码只保留到村镇直播间关闭为止，下次需要重新输入。在 Linux 上，安装并解锁 GNOME Keyring 或 KWallet 即可记住密码。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>保存并连接</translation>
    </message>
    <message>
        <source>Trying…</source>
        <translation>正在尝试…</translation>
    </message>
    <message>
        <source>Enter the address of the computer running OBS (127.0.0.1 for this one).</source>
        <translation>请输入运行 OBS 的电脑地址（本机为 127.0.0.1）。</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Who is at the desk?</source>
        <translation>请选择当前操作员</translation>
    </message>
    <message>
        <source>Everything you do is recorded in the audit trail under this name. To hand over the desk later, use “Switch operator…”.</source>
        <extracomment>Tasks started by the buttons (cancelled when the dialog closes). The profile chosen when the dialog was accepted.</extracomment>
        <translation>您的所有操作都将以此姓名记入操作记录。稍后如需交接，请使用“切换操作员…”。</translation>
    </message>
    <message>
        <source>&amp;Choose your name:</source>
        <translation>选择您的姓名(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>新建操作员(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove the selected profile (Delete)</source>
        <translation>删除所选操作员（Delete 键）</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>New operator profile</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <source>Your name, as colleagues know you</source>
        <translation>您的姓名（同事熟悉的称呼）</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>岗位(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back to the list</source>
        <translation>返回列表(&amp;B)</translation>
    </message>
    <message>
        <source>Remove operator profile</source>
        <translation>删除操作员</translation>
    </message>
    <message>
        <source>Remove the profile “%1” from this computer? What they did stays in the audit trail under their name.</source>
        <translation>要从本机删除“%1”吗？其已做的操作仍以该姓名保留在操作记录中。</translation>
    </message>
</context>
<context>
    <name>OperatorListModel</name>
    <message>
        <source>Not signed in yet</source>
        <extracomment>Role returning the row&apos;s ``OperatorProfile``.</extracomment>
        <translation>尚未登录过</translation>
    </message>
    <message>
        <source>Last signed in %1</source>
        <translation>上次登录：%1</translation>
    </message>
</context>
<context>
    <name>OperatorRoles</name>
    <message>
        <source>Director</source>
        <translation>导播</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录员</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Overlay</name>
    <message>
        <source>Residents ask</source>
        <translation>群众提问</translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation>稍后回答</translation>
    </message>
    <message>
        <source>{n} residents asked</source>
        <translation>{n} 位群众提出</translation>
    </message>
</context>
<context>
    <name>ParkedRowsDialog</name>
    <message>
        <source>Rows the archive refused</source>
        <translation>档案库拒收的记录</translation>
    </message>
    <message>
        <source>The county archive refused these rows, so they are not in its records. They are kept here and not sent again by themselves. Once the cause is fixed (ask the county archive if unsure), send them again.</source>
        <translation>县档案库拒收了这些记录，因此它们不在档案库中。这些记录保留在这里，不会自动重发。原因解决后（不清楚时请询问县档案库），请重新发送。</translation>
    </message>
    <message>
        <source>The archive has refused no rows: there is nothing to do here.</source>
        <translation>档案库没有拒收任何记录，无需处理。</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ParkedRowsModel</name>
    <message>
        <source>Kind of row</source>
        <extracomment>Role returning the row&apos;s ``ParkedRow``.</extracomment>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>拒收时间</translation>
    </message>
</context>
<context>
    <name>PersonalData</name>
    <message>
        <source>mobile numbers</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>landline numbers</source>
        <translation>固定电话号码</translation>
    </message>
    <message>
        <source>ID numbers</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>bank card numbers</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <source>licence plates</source>
        <translation>车牌号码</translation>
    </message>
    <message>
        <source>house addresses</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>names</source>
        <translation>姓名</translation>
    </message>
</context>
<context>
    <name>PromiseDialog</name>
    <message>
        <source>Promise → follow-up</source>
        <extracomment>The follow-up was stored (a ``FollowUp``); the dialog accepts right after.</extracomment>
        <translation>承诺转办</translation>
    </message>
    <message>
        <source>What was promised on air, e.g. “Repair the street lights by the school”</source>
        <translation>节目中承诺的事项，如“修复学校旁的路灯”</translation>
    </message>
    <message>
        <source>Type or pick a department</source>
        <translation>输入或选择部门</translation>
    </message>
    <message>
        <source>The name is not in the department list yet; add it so it can be picked.</source>
        <translation>部门列表中还没有该名称，添加后即可选择。</translation>
    </message>
    <message>
        <source>Filter departments</source>
        <translation>筛选部门</translation>
    </message>
    <message>
        <source>Name and post, e.g. Director Liu</source>
        <translation>姓名及职务，如刘主任</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>限</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日内</translation>
    </message>
    <message>
        <source>By date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <source>Phone number, to tell the resident</source>
        <translation>联系电话，用于答复群众</translation>
    </message>
    <message>
        <source>Private: kept for the follow-up only, never shown on air or in public exports.</source>
        <translation>隐私信息：仅用于跟踪办理，不会在节目中显示，也不会出现在公开导出的资料中。</translation>
    </message>
    <message>
        <source>Create follow-up</source>
        <translation>生成督办事项</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+Enter</source>
        <translation>快捷键：Ctrl+Enter</translation>
    </message>
    <message>
        <source>&amp;Promised action</source>
        <translation>承诺事项(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Lead department</source>
        <translation>牵头部门(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Supporting departments</source>
        <translation>配合部门(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Responsible person</source>
        <translation>责任人(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>办结时限(&amp;D)</translation>
    </message>
    <message>
        <source>Resident&apos;s &amp;contact</source>
        <translation>群众联系方式(&amp;C)</translation>
    </message>
    <message>
        <source>“%1” is not in the department list. Add it as a new department?</source>
        <translation>部门列表中没有“%1”。是否作为新部门添加？</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>新增部门</translation>
    </message>
    <message>
        <source>The deadline %1 is before today, so the follow-up will be overdue at once.

Record it anyway, as an older promise?</source>
        <translation>办结时限 %1 早于今天，该事项一经登记即为逾期。

是否仍作为以往的承诺补录？</translation>
    </message>
    <message>
        <source>Record an older promise?</source>
        <translation>补录以往的承诺？</translation>
    </message>
    <message>
        <source>Ticked: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message>
        <source>None ticked (Space ticks the current row).</source>
        <translation>未选择（按空格键勾选当前行）。</translation>
    </message>
    <message>
        <source>The %1 holiday schedule is not in the calendar yet, so Monday to Friday were counted as working days: check the date. To update the calendar, upgrade Village Studio, or put a workdays.txt file with the announced holidays into the data folder.</source>
        <translation>日历中尚无 %1 年的法定节假日安排，已按周一至周五为工作日计算，请核对日期。更新方法：升级村镇直播间，或将载有已公布节假日安排的 workdays.txt 文件放入数据文件夹。</translation>
    </message>
    <message>
        <source>d MMM yyyy (ddd)</source>
        <translation>yyyy年M月d日（ddd）</translation>
    </message>
    <message>
        <source>Add “%1” to the list</source>
        <translation>将“%1”加入列表</translation>
    </message>
</context>
<context>
    <name>QuestionState</name>
    <message>
        <source>New</source>
        <translation>新收到</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>In queue</source>
        <translation>待上屏</translation>
    </message>
    <message>
        <source>On air</source>
        <translation>上屏中</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>会后答复</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
</context>
<context>
    <name>QuestionTableModel</name>
    <message>
        <source>#</source>
        <extracomment>Role returning the question&apos;s ``uuid.UUID``. Role returning the ``Question``. Role returning its ``Screening`` (or ``None``). Role returning a value that sorts naturally. Role returning the lower-cased text the free-text search looks in. Bumped on every change of the rows (filters cache their decisions per generation).</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Asker</source>
        <translation>提问人</translation>
    </message>
    <message>
        <source>Question (as aired)</source>
        <translation>问题（上屏文字）</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>提问人数</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>sensitive (allowed)</source>
        <translation>敏感词（已放行）</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>敏感词</translation>
    </message>
    <message>
        <source>duplicate?</source>
        <translation>疑似重复</translation>
    </message>
</context>
<context>
    <name>QuestionsController</name>
    <message>
        <source>Type the question first; nothing was filed.</source>
        <translation>请先填写问题；未提交任何内容。</translation>
    </message>
    <message>
        <source>Filed #%1. It looks like #%2: “%3” — press M to merge.</source>
        <translation>已提交 #%1。它与 #%2 相似：“%3”——按 M 合并。</translation>
    </message>
    <message>
        <source>Filed #%1.</source>
        <translation>已提交 #%1。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>No similar question to merge with; pick one under “Same as”.</source>
        <translation>没有可合并的相似问题；请在“相同于”中选择一个。</translation>
    </message>
    <message>
        <source>The on-air queue is empty: queue a question with Q first.</source>
        <translation>上屏队列为空：请先按 Q 把问题加入队列。</translation>
    </message>
    <message>
        <source>No question is on air.</source>
        <translation>当前没有上屏的问题。</translation>
    </message>
    <message>
        <source>Select a question first.</source>
        <translation>请先选择一个问题。</translation>
    </message>
    <message>
        <source>Nothing on air.</source>
        <translation>当前没有上屏内容。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Show question (F10)</source>
        <translation>显示问题（F10）</translation>
    </message>
    <message>
        <source>Search the questions</source>
        <translation>搜索问题</translation>
    </message>
    <message>
        <source>Hide question (F10)</source>
        <translation>隐藏问题（F10）</translation>
    </message>
    <message>
        <source>The overlay did not reach OBS: %1</source>
        <translation>字幕未能送到 OBS：%1</translation>
    </message>
</context>
<context>
    <name>QuestionsView</name>
    <message>
        <source>Open (to moderate)</source>
        <extracomment>The question column&apos;s narrowest width (about 16 Chinese characters).</extracomment>
        <translation>未结（待处理）</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>搜索（Ctrl+K）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>会后答复</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>To queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <source>Take to air</source>
        <translation>上屏</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>On air</source>
        <translation>上屏中</translation>
    </message>
    <message>
        <source>Nothing on air.</source>
        <translation>当前没有上屏内容。</translation>
    </message>
    <message>
        <source>Answered (F9)</source>
        <translation>已答复（F9）</translation>
    </message>
    <message>
        <source>Hide question (F10)</source>
        <translation>隐藏问题（F10）</translation>
    </message>
    <message>
        <source>“Coming up” list (F7)</source>
        <translation>“稍后回答”列表（F7）</translation>
    </message>
    <message>
        <source>Lower third (F6)</source>
        <translation>人名条（F6）</translation>
    </message>
    <message>
        <source>On-air queue</source>
        <translation>上屏队列</translation>
    </message>
    <message>
        <source>Take next to air (F8)</source>
        <translation>下一个上屏（F8）</translation>
    </message>
    <message>
        <source>Up (Alt+↑)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Down (Alt+↓)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
    <message>
        <source>Out of queue</source>
        <translation>移出队列</translation>
    </message>
    <message>
        <source>Selected question</source>
        <translation>选中的问题</translation>
    </message>
    <message>
        <source>Save on-air text</source>
        <translation>保存上屏文字</translation>
    </message>
    <message>
        <source>Save on-air text (Ctrl+Enter)</source>
        <translation>保存上屏文字（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Allow sensitive words</source>
        <translation>允许敏感词</translation>
    </message>
    <message>
        <source>Allow sensitive words (Ctrl+Shift+A)</source>
        <translation>允许敏感词（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Resident&apos;s words</source>
        <translation>群众原话</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Same as</source>
        <translation>相同于</translation>
    </message>
    <message>
        <source>Preview (as it will air)</source>
        <translation>预览（上屏效果）</translation>
    </message>
    <message>
        <source>Masked: %1</source>
        <translation>已打码：%1</translation>
    </message>
    <message>
        <source>Personal data still in the on-air text: %1</source>
        <translation>上屏文字中仍有个人信息：%1</translation>
    </message>
    <message>
        <source>Sensitive words (allowed by the moderator): %1</source>
        <translation>敏感词（主持人已放行）：%1</translation>
    </message>
    <message>
        <source>Sensitive words: %1</source>
        <translation>敏感词：%1</translation>
    </message>
    <message>
        <source>No personal data or sensitive words found.</source>
        <translation>未发现个人信息或敏感词。</translation>
    </message>
    <message>
        <source>Select a question to preview it.</source>
        <translation>选择一个问题即可预览。</translation>
    </message>
</context>
<context>
    <name>RatesChart</name>
    <message>
        <source>No follow-ups yet.</source>
        <extracomment>Share done (0..1), ``None`` when there is nothing to divide by. Share of the due ones done by the deadline (0..1), ``None`` when none is due yet. The full length a 100 % bar would have.</extracomment>
        <translation>暂无督办事项。</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按期率</translation>
    </message>
</context>
<context>
    <name>RecordController</name>
    <message>
        <source>Promise → follow-up…</source>
        <extracomment>The answer is written this long after the first unsaved keystroke (not after the last one: a recorder typing without pause is still saved every quarter second). The countdown and the run of show&apos;s running times are redrawn this often.</extracomment>
        <translation>承诺转督办…</translation>
    </message>
    <message>
        <source>&amp;Go live (start the show)</source>
        <translation>开始直播(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;End the show</source>
        <translation>结束直播(&amp;E)</translation>
    </message>
    <message>
        <source>Live.</source>
        <translation>已开始直播。</translation>
    </message>
    <message>
        <source>End the show</source>
        <translation>结束直播</translation>
    </message>
    <message>
        <source>End the show now? The current agenda item and question end with it.</source>
        <translation>现在结束直播吗？当前议程项和正在播出的问题将一并结束。</translation>
    </message>
    <message>
        <source>Ended.</source>
        <translation>直播已结束。</translation>
    </message>
    <message>
        <source>Close the record</source>
        <translation>归档记录</translation>
    </message>
    <message>
        <source>Close this session&apos;s record? Answers, agenda and questions can then no longer be changed (follow-ups go on). It can be reopened; that is recorded.</source>
        <translation>归档本场记录吗？归档后答复、议程和问题都不能再修改（督办事项照常办理）。可以重新打开，重新打开会留有记录。</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>记录已归档。</translation>
    </message>
    <message>
        <source>Reopened.</source>
        <translation>记录已重新打开。</translation>
    </message>
    <message>
        <source>Rehearse</source>
        <translation>彩排</translation>
    </message>
    <message>
        <source>Make a practice copy of “%1” with its questions and open it? Everything works in the copy — OBS, overlay, answers, follow-ups — but none of it counts as aired, and the real session stays as it is.</source>
        <translation>为“%1”连同问题创建一份彩排副本并打开吗？副本中各项功能（OBS、字幕叠加、答复、督办）都可正常使用，但都不计入实际播出记录，正式场次保持不变。</translation>
    </message>
    <message>
        <source>Rehearsal: %1</source>
        <translation>彩排：%1</translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation>正在输入…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>No session open.</source>
        <translation>未打开场次。</translation>
    </message>
    <message>
        <source>Planned — not live yet.</source>
        <translation>计划中——尚未开始直播。</translation>
    </message>
    <message>
        <source>● LIVE since %1</source>
        <translation>● 直播中（%1 开始）</translation>
    </message>
    <message>
        <source>Ended at %1</source>
        <translation>已于 %1 结束</translation>
    </message>
    <message>
        <source>Closed: the record is final.</source>
        <translation>已归档：记录不可再改。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>RecordImport</name>
    <message>
        <source>The file is not there. Check the name and folder.</source>
        <translation>找不到该文件。请检查文件名和所在文件夹。</translation>
    </message>
    <message>
        <source>The file cannot be read (permissions, or a folder?).</source>
        <translation>无法读取该文件（是否权限不足，或选中的是文件夹？）。</translation>
    </message>
    <message>
        <source>This is not a Village Studio session record. Choose a .json file exported with “Export records”.</source>
        <translation>这不是村镇直播间的场次记录。请选择通过“导出记录”导出的 .json 文件。</translation>
    </message>
    <message>
        <source>The record is damaged or cut short ({0}). Export it again from the other studio.</source>
        <translation>该记录已损坏或不完整（{0}）。请从另一个演播室重新导出。</translation>
    </message>
    <message>
        <source>The record was written by a newer Village Studio (format {1}; this one reads up to {2}). Update this app first.</source>
        <translation>该记录由较新版本的村镇直播间生成（格式 {1}；本版本最高只能读取 {2}）。请先更新本软件。</translation>
    </message>
    <message>
        <source>The record has a wrong or missing value at {0}. Nothing was imported.</source>
        <translation>该记录在 {0} 处的值有误或缺失。未导入任何内容。</translation>
    </message>
    <message>
        <source>The record cannot be imported.</source>
        <translation>无法导入该记录。</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>REHEARSAL — a practice copy: nothing here counts as aired.</source>
        <translation>彩排——练习副本：这里的一切都不计入实际播出。</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <source>End show</source>
        <translation>结束直播</translation>
    </message>
    <message>
        <source>Close record</source>
        <translation>归档记录</translation>
    </message>
    <message>
        <source>Reopen record</source>
        <translation>重新打开记录</translation>
    </message>
    <message>
        <source>Rehearse…</source>
        <translation>彩排…</translation>
    </message>
    <message>
        <source>Make a practice copy of this session with its questions: everything works, but nothing is recorded as aired.</source>
        <translation>为本场连同问题创建彩排副本：各项功能都可使用，但不计入实际播出记录。</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>操作记录…</translation>
    </message>
    <message>
        <source>Run of show</source>
        <translation>节目流程</translation>
    </message>
    <message>
        <source>Questions on air</source>
        <translation>已播出的问题</translation>
    </message>
    <message>
        <source>No agenda item on air.</source>
        <translation>当前没有议程项在播。</translation>
    </message>
    <message>
        <source>%1 — on air %2 (no planned time)</source>
        <translation>%1——已播 %2（未设计划时长）</translation>
    </message>
    <message>
        <source>%1 — %2 left</source>
        <translation>%1——剩余 %2</translation>
    </message>
    <message>
        <source>%1 — %2 over time</source>
        <translation>%1——超时 %2</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject question</source>
        <translation>驳回问题</translation>
    </message>
    <message>
        <source>Why (needed for “Other”)</source>
        <translation>理由（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RejectionReason</name>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Off topic</source>
        <translation>与主题无关</translation>
    </message>
    <message>
        <source>Abusive</source>
        <translation>言语不当</translation>
    </message>
    <message>
        <source>Personal matter / private data</source>
        <translation>个人事务/隐私信息</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>其他（请说明）</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected row up (Alt+Up)</source>
        <translation>将所选行上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected row down (Alt+Down)</source>
        <translation>将所选行下移（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>RunOfShowModel</name>
    <message>
        <source>Agenda item</source>
        <extracomment>Role returning the question&apos;s ``uuid.UUID`` (aired questions model).</extracomment>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>On air</source>
        <translation>已播</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>SceneDelegate</name>
    <message>
        <source>The OBS scene to switch to when this item starts</source>
        <translation>该议程开始时要切换到的 OBS 场景</translation>
    </message>
</context>
<context>
    <name>SceneListModel</name>
    <message>
        <source>ON AIR</source>
        <extracomment>Role returning the scene&apos;s name (the display text carries a shortcut number). Role returning the agenda item&apos;s ``uuid.UUID``. Scenes 1–9 have Ctrl+1 … Ctrl+9. The view&apos;s font (the marked row is this, bold): follows the large-text option.</extracomment>
        <translation>播出中</translation>
    </message>
    <message>
        <source>PREVIEW</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Click or press Ctrl+%1</source>
        <translation>单击或按 Ctrl+%1</translation>
    </message>
    <message>
        <source>Click to switch</source>
        <translation>单击切换</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>e.g. Household registration and pensions Q&amp;A</source>
        <translation>例如：户籍与养老政策问答</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Planned &amp;duration</source>
        <translation>计划时长(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <source>Desc&amp;ription</source>
        <translation>说明(&amp;R)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add &amp;guest</source>
        <translation>添加嘉宾(&amp;G)</translation>
    </message>
    <message>
        <source>Add &amp;agenda item</source>
        <translation>添加议程项(&amp;A)</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <source>Agenda (run of show)</source>
        <translation>议程（流程）</translation>
    </message>
    <message>
        <source>Agenda: %1 min of %2 min planned</source>
        <translation>议程合计 %1 分钟，计划时长 %2 分钟</translation>
    </message>
    <message>
        <source>Agenda: %1 min</source>
        <translation>议程合计 %1 分钟</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <source>Title</source>
        <extracomment>Role returning the session&apos;s ``uuid.UUID``. Role returning a value that sorts naturally (datetimes, not their text).</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>议程数</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n 位嘉宾</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionListPanel</name>
    <message>
        <source>Search sessions</source>
        <translation>搜索场次</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建场次(&amp;N)</translation>
    </message>
    <message>
        <source>Create a new session (Ctrl+N)</source>
        <translation>新建一个场次（Ctrl+N）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set-up assistant</source>
        <extracomment>How long &quot;Prepare OBS&quot; waits for the connection after saving the settings. The operator signed in now (named in the audit entries the assistant causes). Make this profile&apos;s name the app&apos;s operator (after the sign-in was stored). Open a session the assistant created in the window.</extracomment>
        <translation>设置向导</translation>
    </message>
    <message>
        <source>Welcome to Village Studio</source>
        <extracomment>Tasks of the buttons and of the saves (cancelled when the assistant closes). The name signed in by the operators page, if it was saved. The practice session made on the last page, if any.</extracomment>
        <translation>欢迎使用村镇直播间</translation>
    </message>
    <message>
        <source>This assistant prepares this computer for your studio&apos;s broadcasts in a few steps: the studio&apos;s name, who works at the desk, the connection to OBS, the county archive (optional) and a practice session. Everything can be changed later.</source>
        <translation>本向导分几步让这台电脑为本演播室的直播做好准备：演播室名称、操作员、与 OBS 的连接、县档案库（可选）以及一个练习场次。以后都可以再修改。</translation>
    </message>
    <message>
        <source>Studio &amp;name:</source>
        <translation>演播室名称(&amp;N)：</translation>
    </message>
    <message>
        <source>As the exported records and the county archive show it, for example “青山镇政务直播间”.</source>
        <translation>导出的记录和县档案库中显示的名称，例如“青山镇政务直播间”。</translation>
    </message>
    <message>
        <source>Each page is saved when you click “Next”. “Finish” saves the page you are on and ends the assistant. “Cancel” closes it and keeps what was already saved; it then opens again at the next start. You can also open it at any time from the Help menu (Set-up assistant…).</source>
        <translation>每一页在点击“下一步”时保存。“完成”保存当前页并结束向导。“取消”关闭向导，已保存的内容保留，下次启动时向导会再次打开。也可随时从“帮助”菜单（设置向导…）打开。</translation>
    </message>
    <message>
        <source>Who works at the desk</source>
        <translation>登记操作员</translation>
    </message>
    <message>
        <source>Add a profile for each person who runs the shows: everything they do is recorded in the audit trail under their name. No passwords are needed. The first profile added here is signed in when you continue; the others sign in with “Switch operator…” in the Session menu.</source>
        <translation>为每位负责直播操作的人员添加一位操作员：其所有操作都以其姓名记入操作记录，无需密码。继续时，这里添加的第一位将登录；其他人通过“场次”菜单中的“切换操作员…”登录。</translation>
    </message>
    <message>
        <source>A name, as colleagues know them</source>
        <translation>姓名（同事熟悉的称呼）</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Connect to OBS</source>
        <translation>连接 OBS</translation>
    </message>
    <message>
        <source>Village Studio drives OBS Studio (29 or newer) on this computer or on another one in the studio, through OBS&apos;s WebSocket server. To switch it on:
1. Start OBS and open Tools → WebSocket Server Settings.
2. Tick “Enable WebSocket server” and keep the server port 4455.
3. Tick “Enable Authentication”, click “Show Connect Info” and copy the server password into the password field below.
4. Click “Apply” in OBS, then “Test connection” here.</source>
        <translation>村镇直播间通过 OBS 的 WebSocket 服务器控制本机或演播室内另一台电脑上的 OBS Studio（29 或更新版本）。开启方法：
1. 启动 OBS，打开“工具 → WebSocket 服务器设置”。
2. 勾选“启用 WebSocket 服务器”，服务器端口保持 4455。
3. 勾选“开启鉴权”，点击“显示连接信息”，把其中的服务器密码复制到下面的密码栏。
4. 在 OBS 中点击“应用”，再在这里点击“测试连接”。</translation>
    </message>
    <message>
        <source>&amp;Prepare OBS</source>
        <translation>准备 OBS(&amp;P)</translation>
    </message>
    <message>
        <source>“Prepare OBS” saves the settings above, connects, and adds what Village Studio needs to OBS: a standby slate and the overlay for the questions, on top of your scenes. Nothing else in OBS is changed.</source>
        <translation>“准备 OBS”会保存上面的设置并连接，然后在 OBS 中添加村镇直播间需要的内容：待机画面和叠加在各个场景之上的问题字幕。OBS 中的其他内容不会改动。</translation>
    </message>
    <message>
        <source>County archive (optional)</source>
        <translation>县档案库（可选）</translation>
    </message>
    <message>
        <source>If the county archive gave this studio an address and a credential, enter them: the records are then sent there in the background whenever there is a network. Leave the page empty to skip it; you can do it later with “Archive settings…” in the Archive menu.</source>
        <translation>如果县档案库已为本演播室提供了地址和接入凭证，请在此填写：有网络时，记录会在后台自动发送过去。此页留空即跳过，以后可通过“档案库”菜单中的“档案库设置…”设置。</translation>
    </message>
    <message>
        <source>Practise before the first show</source>
        <translation>首次直播前先练习</translation>
    </message>
    <message>
        <source>A practice session is a rehearsal with ten sample residents&apos; questions: some with a phone number or an address to see how personal data is masked, two that say the same to merge, and an off-topic one to reject. Everything works in it, from moderation to the overlay in OBS, but nothing in it counts as aired: it stays out of the ledger and the follow-up board and is never sent to the county archive. Delete it when you no longer need it.</source>
        <translation>练习场次是一场彩排，含十条示例群众提问：有的带电话号码或地址，可以看到个人信息如何被遮蔽；有两条说的是同一件事，可练习合并；还有一条与主题无关，可练习驳回。从审核到 OBS 中的字幕，所有功能都能使用，但其中的一切都不计入实际播出：不进入台账和督办看板，也不会发送到县档案库。不再需要时删除即可。</translation>
    </message>
    <message>
        <source>&amp;Create a practice session with sample questions</source>
        <translation>建立含示例问题的练习场次(&amp;C)</translation>
    </message>
    <message>
        <source>Click “Finish” to start working. This assistant stays in the Help menu (Set-up assistant…).</source>
        <translation>点击“完成”开始工作。本向导随时可从“帮助”菜单（设置向导…）再次打开。</translation>
    </message>
    <message>
        <source>Practice session (sample questions)</source>
        <translation>练习场次（示例问题）</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>开场</translation>
    </message>
    <message>
        <source>Policy briefing</source>
        <translation>政策解读</translation>
    </message>
    <message>
        <source>Residents&apos; questions</source>
        <translation>群众提问</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>结束语</translation>
    </message>
    <message>
        <source>Sample guest</source>
        <translation>示例嘉宾</translation>
    </message>
    <message>
        <source>Deputy township head</source>
        <translation>副镇长</translation>
    </message>
    <message>
        <source>Township government</source>
        <translation>镇人民政府</translation>
    </message>
    <message>
        <source>Add at least one operator profile: type a name and click “Add”.</source>
        <translation>请至少添加一位操作员：输入姓名后点击“添加”。</translation>
    </message>
    <message>
        <source>Connecting to OBS…</source>
        <translation>正在连接 OBS…</translation>
    </message>
    <message>
        <source>This OBS has no text or colour source, so the standby slate cannot be made. Install the full OBS Studio package.</source>
        <translation>此 OBS 没有文本源或颜色源，无法建立待机画面。请安装完整的 OBS Studio。</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Anywhere in the window</source>
        <translation>窗口内任意位置</translation>
    </message>
    <message>
        <source>During a live show every on-air action has a key of its own. Keys listed under a screen (such as the questions) work while its list has the focus; the others work anywhere in the window.</source>
        <translation>直播时，每个上屏操作都有自己的按键。列在某个页面（如“问题”）下的按键，在该页面的列表获得焦点时有效；其余按键在窗口内任意位置都有效。</translation>
    </message>
</context>
<context>
    <name>SpeakerDelegate</name>
    <message>
        <source>(no speaker)</source>
        <translation>（无发言人）</translation>
    </message>
    <message>
        <source>(unnamed guest)</source>
        <translation>（未命名嘉宾）</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>StudioApp</name>
    <message>
        <source>My studio</source>
        <extracomment>The studio&apos;s own sensitive-word list in the data folder (the shipped one when absent). The studio&apos;s own overlay theme in the data folder (the shipped one when absent). How long quitting waits for in-flight saves before cancelling them. Ask who is at the desk once the window is up (tests and --exit-after-start don&apos;t). Open the set-up assistant at start while it is pending (run_gui; not tests).</extracomment>
        <translation>我的演播室</translation>
    </message>
    <message>
        <source>Resumed the live show where it was: agenda item, question on air, queue and the answer typed so far.</source>
        <translation>已从中断处恢复直播：当前议程项、正在播出的问题、播出队列和已输入的答复都已恢复。</translation>
    </message>
    <message>
        <source>Follow-up board</source>
        <translation>督办看板</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>&amp;Archive</source>
        <extracomment>The first retry after a failed sync; each further failure doubles it, up to the interval. Problems the operator (or the county) must fix: retried only at the normal interval. Failures shown in red (nothing gets through until someone acts) and in amber (passing). When the waiting rows are first counted after start-up. How often the waiting rows are recounted between syncs, if anything was saved meanwhile. Failed syncs in a row (0 after a success). The dialogs and message box last opened (tests look at them).</extracomment>
        <translation>档案库(&amp;A)</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>Archive &amp;settings…</source>
        <translation>档案库设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Refused rows…</source>
        <translation>拒收的记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Archive sync failed</source>
        <translation>档案库同步失败</translation>
    </message>
    <message>
        <source>Credential not stored</source>
        <translation>接入凭证未保存</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring): the archive credential is kept only until Village Studio closes. Enter it again under Archive settings after the next start.</source>
        <translation>这台电脑没有密码库（keyring）：档案库接入凭证只保留到村镇直播间关闭为止。下次启动后请在“档案库设置”中重新输入。</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <source>1 row</source>
        <extracomment>Separates the parts of the status-bar text (&quot;Archive: offline · 25 waiting&quot;). The pseudo reject reason of a pulled row whose parent row is missing here.</extracomment>
        <translation>1 条记录</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>The archive cannot be reached. Check the network and the archive address; sync will try again by itself.</source>
        <translation>无法连接档案库。请检查网络和档案库地址；同步会自动重试。</translation>
    </message>
    <message>
        <source>The archive did not answer in time. Sync will try again by itself; if this keeps happening, the network is too slow or the archive is overloaded.</source>
        <translation>档案库没有及时响应。同步会自动重试；如果经常出现，说明网络太慢或档案库负载过高。</translation>
    </message>
    <message>
        <source>The archive has a problem of its own. Sync will try again by itself; if it lasts for hours, tell the county archive.</source>
        <translation>档案库自身出现故障。同步会自动重试；如果持续数小时，请告知县档案库。</translation>
    </message>
    <message>
        <source>The archive does not accept this studio&apos;s credential. Enter it again under Archive settings, or ask the county archive for a new one.</source>
        <translation>档案库不接受本直播间的接入凭证。请在“档案库设置”中重新输入，或向县档案库申请新的凭证。</translation>
    </message>
    <message>
        <source>The county has revoked this studio&apos;s credential. Ask the county archive for a new one and enter it under Archive settings.</source>
        <translation>县里已吊销本直播间的接入凭证。请向县档案库申请新的凭证，并在“档案库设置”中输入。</translation>
    </message>
    <message>
        <source>This credential belongs to another studio than the records on this computer. Enter this studio&apos;s own credential under Archive settings, or ask the county archive.</source>
        <translation>此接入凭证属于另一个直播间，与这台电脑上的记录不符。请在“档案库设置”中输入本直播间自己的凭证，或询问县档案库。</translation>
    </message>
    <message>
        <source>The archive speaks another version of the sync protocol. Update Village Studio to the version the county uses; until then nothing is sent.</source>
        <translation>档案库使用的同步协议版本不同。请将村镇直播间更新到县里使用的版本；更新之前不会发送任何记录。</translation>
    </message>
    <message>
        <source>The archive refused the request. The rows stay waiting and nothing is lost; if this lasts, send the log file to your support contact.</source>
        <translation>档案库拒绝了请求。记录继续等待发送，不会丢失；如果一直如此，请把日志文件发给技术支持人员。</translation>
    </message>
    <message>
        <source>The database on this computer could not be read or written for sync. Check that the disk has free space and works; the rows stay waiting.</source>
        <translation>同步时无法读写这台电脑上的数据库。请检查磁盘是否有剩余空间、是否正常；记录继续等待发送。</translation>
    </message>
    <message>
        <source>No archive credential is stored on this computer. Enter the one the county archive gave this studio under Archive settings.</source>
        <translation>这台电脑没有保存档案库接入凭证。请在“档案库设置”中输入县档案库发给本直播间的凭证。</translation>
    </message>
    <message>
        <source>The archive address is not valid. Enter it as the county gave it, starting with https:// (or http://).</source>
        <translation>档案库地址无效。请按县里提供的地址填写，以 https://（或 http://）开头。</translation>
    </message>
    <message>
        <source>Archive: offline</source>
        <extracomment>The status-bar words of a failed sync.</extracomment>
        <translation>档案库：无法连接</translation>
    </message>
    <message>
        <source>Archive: no answer</source>
        <translation>档案库：无响应</translation>
    </message>
    <message>
        <source>Archive: server problem</source>
        <translation>档案库：服务器故障</translation>
    </message>
    <message>
        <source>Archive: credential refused</source>
        <translation>档案库：凭证被拒绝</translation>
    </message>
    <message>
        <source>Archive: credential revoked</source>
        <translation>档案库：凭证已吊销</translation>
    </message>
    <message>
        <source>Archive: wrong studio</source>
        <translation>档案库：直播间不符</translation>
    </message>
    <message>
        <source>Archive: update the app</source>
        <translation>档案库：请更新软件</translation>
    </message>
    <message>
        <source>Archive: request refused</source>
        <translation>档案库：请求被拒绝</translation>
    </message>
    <message>
        <source>Archive: database problem</source>
        <translation>档案库：数据库故障</translation>
    </message>
    <message>
        <source>Archive: no credential</source>
        <translation>档案库：缺少凭证</translation>
    </message>
    <message>
        <source>Archive: bad address</source>
        <translation>档案库：地址无效</translation>
    </message>
    <message>
        <source>Connecting to the archive…</source>
        <translation>正在连接档案库…</translation>
    </message>
    <message>
        <source>Sending rows to the archive…</source>
        <translation>正在向档案库发送记录…</translation>
    </message>
    <message>
        <source>Receiving rows from the archive…</source>
        <translation>正在从档案库接收记录…</translation>
    </message>
    <message>
        <source>Saving the received rows…</source>
        <translation>正在保存接收到的记录…</translation>
    </message>
    <message>
        <source>Archive: not set up</source>
        <translation>档案库：未设置</translation>
    </message>
    <message>
        <source>Archive: syncing… {done} / {total}</source>
        <translation>档案库：正在同步… {done} / {total}</translation>
    </message>
    <message>
        <source>Archive: syncing…</source>
        <translation>档案库：正在同步…</translation>
    </message>
    <message>
        <source>Archive: sync failed</source>
        <translation>档案库：同步失败</translation>
    </message>
    <message>
        <source>Archive: 1 refused row</source>
        <translation>档案库：1 条记录被拒收</translation>
    </message>
    <message>
        <source>Archive: {n} refused rows</source>
        <translation>档案库：{n} 条记录被拒收</translation>
    </message>
    <message>
        <source>Archive: synced</source>
        <translation>档案库：已同步</translation>
    </message>
    <message>
        <source>Archive: not synced yet</source>
        <translation>档案库：尚未同步</translation>
    </message>
    <message>
        <source>Archive: synced {time}</source>
        <translation>档案库：{time} 已同步</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>上次成功同步：{when}</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>上次成功同步：从未同步</translation>
    </message>
    <message>
        <source>Rows waiting to be sent: {n}</source>
        <translation>等待发送的记录：{n} 条</translation>
    </message>
    <message>
        <source>Rows the archive refused: {n} (see Archive → Refused rows…)</source>
        <translation>档案库拒收的记录：{n} 条（见“档案库 → 拒收的记录…”）</translation>
    </message>
    <message>
        <source>Enter the archive address and this studio&apos;s credential under Archive settings to send the records to the county archive.</source>
        <translation>在“档案库设置”中输入档案库地址和本直播间的接入凭证，即可把记录发送到县档案库。</translation>
    </message>
    <message>
        <source>Detail: {detail}</source>
        <translation>详情：{detail}</translation>
    </message>
    <message>
        <source>Archive address: {url}</source>
        <translation>档案库地址：{url}</translation>
    </message>
    <message>
        <source>Archive address: not set</source>
        <translation>档案库地址：未设置</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 条待发送</translation>
    </message>
    <message>
        <source>{n} refused</source>
        <translation>{n} 条被拒收</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Question airing</source>
        <translation>问题播出</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Follow-up event</source>
        <translation>督办进展</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Recording/stream run</source>
        <translation>录制/推流记录</translation>
    </message>
    <message>
        <source>Agenda mark</source>
        <translation>议程标记</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>直播间</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>it names another studio</source>
        <translation>记录属于另一个直播间</translation>
    </message>
    <message>
        <source>a value is missing, of the wrong kind or too long</source>
        <translation>有值缺失、类型不对或过长</translation>
    </message>
    <message>
        <source>its id is taken by a row this studio may not change</source>
        <translation>其编号已被本直播间无权修改的记录占用</translation>
    </message>
    <message>
        <source>this studio may not write this kind of row</source>
        <translation>本直播间无权写入这类记录</translation>
    </message>
    <message>
        <source>its parent row is missing here</source>
        <translation>本机缺少它所属的上级记录</translation>
    </message>
    <message>
        <source>Up to date: nothing to send or receive.</source>
        <translation>已是最新：没有需要发送或接收的记录。</translation>
    </message>
    <message>
        <source>Sent {sent}, received {received} (1 reply from a department).</source>
        <translation>已发送 {sent}，已接收 {received}（其中 1 条部门答复）。</translation>
    </message>
    <message>
        <source>Sent {sent}, received {received} ({replies} replies from departments).</source>
        <translation>已发送 {sent}，已接收 {received}（其中 {replies} 条部门答复）。</translation>
    </message>
    <message>
        <source>Sent {sent}, received {received}.</source>
        <translation>已发送 {sent}，已接收 {received}。</translation>
    </message>
    <message>
        <source>The archive refused {rows}: see Refused rows.</source>
        <translation>档案库拒收了 {rows}：见“拒收的记录”。</translation>
    </message>
    <message>
        <source>Left out {rows} whose parent row is missing here.</source>
        <translation>有 {rows}因本机缺少上级记录而未接收。</translation>
    </message>
</context>
<context>
    <name>WebIntake</name>
    <message>
        <source>Send a question to the studio</source>
        <extracomment>The form&apos;s texts in English, by the keys of ``services.web.submission.DEFAULT_LABELS``.</extracomment>
        <translation>向直播间提交问题</translation>
    </message>
    <message>
        <source>Questions sent here go to the moderator&apos;s list. Nothing is shown on air before the moderator approves it.</source>
        <translation>在此提交的问题会进入主持人的问题列表。未经主持人批准，任何内容都不会上屏播出。</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>群众姓名</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Kept for follow-up only; never shown on air.</source>
        <translation>仅用于后续跟进，不会在直播中显示。</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题内容</translation>
    </message>
    <message>
        <source>Send to the moderator</source>
        <translation>提交给主持人</translation>
    </message>
    <message>
        <source>Sent. The question is in the moderator&apos;s list.</source>
        <translation>已提交，问题已进入主持人的列表。</translation>
    </message>
    <message>
        <source>Enter the question.</source>
        <translation>请填写问题内容。</translation>
    </message>
    <message>
        <source>The question is too long (at most {max} characters).</source>
        <translation>问题内容过长（最多 {max} 个字）。</translation>
    </message>
    <message>
        <source>Some fields are too long or not valid. Check them and send again.</source>
        <translation>部分内容过长或无效，请检查后重新提交。</translation>
    </message>
    <message>
        <source>Enter the phone number with digits only.</source>
        <translation>联系电话请只填写数字。</translation>
    </message>
    <message>
        <source>This link is no longer valid. Ask the studio for the new link or scan the new QR code.</source>
        <translation>此链接已失效。请向直播间索取新链接，或扫描新的二维码。</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute and try again.</source>
        <translation>短时间内请求过于频繁，请等一分钟后再试。</translation>
    </message>
    <message>
        <source>The question is too long to send.</source>
        <translation>问题内容过长，无法提交。</translation>
    </message>
    <message>
        <source>The studio could not save the question. Tell the moderator; your text is still in the form.</source>
        <translation>直播间未能保存该问题。请告知主持人；您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>The request could not be read. Reload the page and try again.</source>
        <translation>无法读取请求，请刷新页面后重试。</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>Online (app, website, public account)</source>
        <translation>网络留言（App、网站、公众号）</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Live comment</source>
        <translation>直播评论</translation>
    </message>
    <message>
        <source>In the studio</source>
        <translation>现场提问</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{0}: live Q&amp;A broadcasts for township and village studios.</source>
        <extracomment>Scripts may pass the OBS password here instead of the keyring (never on the command line). What ``questions import --map COLUMN=FIELD`` accepts as FIELD (Field values). Row numbers listed per reason in the import report before &quot;… and N more&quot;.</extracomment>
        <translation>{0}：乡镇、村政务直播间的问政直播软件。</translation>
    </message>
    <message>
        <source>folder for the database, backups and logs (default: the user data folder)</source>
        <translation>存放数据库、备份和日志的文件夹（默认：用户数据文件夹）</translation>
    </message>
    <message>
        <source>keep the data in &apos;data/&apos; beside the app (for a USB stick)</source>
        <translation>把数据存在程序旁边的 data/ 文件夹里（用 U 盘随身带时）</translation>
    </message>
    <message>
        <source>interface language: zh_CN or en (default: follow the system)</source>
        <translation>界面语言：zh_CN 或 en（默认：跟随系统或“帮助 → 界面语言”的选择）</translation>
    </message>
    <message>
        <source>print where the data is, its schema version and what it holds</source>
        <translation>显示数据存放位置、数据库版本和其中的内容</translation>
    </message>
    <message>
        <source>check or prepare OBS Studio</source>
        <translation>检查或准备 OBS Studio</translation>
    </message>
    <message>
        <source>print OBS&apos;s version and scenes and what the app still needs (exit 1)</source>
        <translation>显示 OBS 的版本、场景以及本软件还缺什么（缺少时退出码为 1）</translation>
    </message>
    <message>
        <source>create the scenes and sources the app needs, touching nothing else</source>
        <translation>建立本软件需要的场景和来源，不改动其他任何内容</translation>
    </message>
    <message>
        <source>OBS address (default: from the settings)</source>
        <translation>OBS 地址（默认：取自设置）</translation>
    </message>
    <message>
        <source>obs-websocket port (default: 4455)</source>
        <translation>obs-websocket 端口（默认：4455）</translation>
    </message>
    <message>
        <source>read the OBS password from standard input (default: the OS keyring, or ${0})</source>
        <translation>从标准输入读取 OBS 密码（默认：系统密码库，或 ${0}）</translation>
    </message>
    <message>
        <source>seconds to wait for OBS (default 5)</source>
        <translation>等待 OBS 的秒数（默认 5）</translation>
    </message>
    <message>
        <source>work with residents&apos; questions</source>
        <translation>处理群众提问</translation>
    </message>
    <message>
        <source>import pre-collected questions from a CSV or Excel (.xlsx) file into a session</source>
        <translation>从 CSV 或 Excel（.xlsx）文件把事先收集的问题导入某一场次</translation>
    </message>
    <message>
        <source>Import questions from a CSV/TXT or .xlsx file. All rows are read and checked first; then every question is saved in one go, or none is.</source>
        <translation>从 CSV/TXT 或 .xlsx 文件导入问题。先读取并检查所有行，然后一次性全部保存；出错则一条也不保存。</translation>
    </message>
    <message>
        <source>the .csv, .txt or .xlsx file</source>
        <translation>.csv、.txt 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>id of the session (or its start)</source>
        <translation>场次编号（或其开头几位）</translation>
    </message>
    <message>
        <source>use column COLUMN (header, letter or number) for FIELD: {0}, or {1} to leave it out; repeatable</source>
        <translation>把列 COLUMN（表头、列字母或列号）用作字段 FIELD：{0}；用 {1} 表示不导入该列；可重复使用</translation>
    </message>
    <message>
        <source>the .xlsx sheet (default: first)</source>
        <translation>.xlsx 中的工作表（默认：第一个）</translation>
    </message>
    <message>
        <source>read and check the file, save nothing</source>
        <translation>只读取并检查文件，不保存</translation>
    </message>
    <message>
        <source>folder for the database (default: the user data folder)</source>
        <translation>数据库所在文件夹（默认：用户数据文件夹）</translation>
    </message>
    <message>
        <source>export session records: ledger, report, CSV/JSON, chapters, clips</source>
        <translation>导出场次记录：台账、报告、CSV/JSON、章节、片段</translation>
    </message>
    <message>
        <source>Export one or more sessions. Files are written completely or not at all; a failed or cancelled export leaves no half-written file.</source>
        <translation>导出一个或多个场次。文件要么完整写出，要么不写；导出失败或取消时不会留下写了一半的文件。</translation>
    </message>
    <message>
        <source>session ids (or their starts)</source>
        <translation>场次编号（或其开头几位）</translation>
    </message>
    <message>
        <source>every session (no rehearsals)</source>
        <translation>所有场次（不含彩排）</translation>
    </message>
    <message>
        <source>from this day</source>
        <translation>从这一天起</translation>
    </message>
    <message>
        <source>to this day</source>
        <translation>到这一天止</translation>
    </message>
    <message>
        <source>with --all/--from/--to: rehearsals too</source>
        <translation>与 --all/--from/--to 一起用：也包括彩排</translation>
    </message>
    <message>
        <source>{0} (repeatable, or comma-separated)</source>
        <translation>{0}（可重复使用，或用逗号分隔）</translation>
    </message>
    <message>
        <source>folder to write into (or the file, for one session and one file format)</source>
        <translation>写入的文件夹（只导出一个场次、一种格式时也可以是文件）</translation>
    </message>
    <message>
        <source>publication version: no residents&apos; contact data, no rejected questions, personal data in the text masked</source>
        <translation>公开版：不含群众联系方式和被驳回的问题，正文中的个人信息已遮蔽</translation>
    </message>
    <message>
        <source>clips: the recording (default: the file OBS made)</source>
        <translation>片段：所用的录像文件（默认：OBS 录制的文件）</translation>
    </message>
    <message>
        <source>clips: re-encode for exact cuts (default: stream copy, cut at keyframes, fast)</source>
        <translation>片段：重新编码以精确剪切（默认：直接复制流，在关键帧处剪切，速度快）</translation>
    </message>
    <message>
        <source>PDF: a Chinese font file to embed</source>
        <translation>PDF：要嵌入的中文字体文件</translation>
    </message>
    <message>
        <source>sync with the county archive now (push what is new, pull department replies)</source>
        <translation>立即与县档案库同步（发送新内容，取回部门答复）</translation>
    </message>
    <message>
        <source>set the archive&apos;s address first (saved in the settings)</source>
        <translation>先设置档案库地址（保存在设置中）</translation>
    </message>
    <message>
        <source>read the studio&apos;s archive credential from standard input and keep it in the OS keyring (default: the keyring, or ${0})</source>
        <translation>从标准输入读取本演播室的档案库接入凭证，并保存到系统密码库（默认：密码库，或 ${0}）</translation>
    </message>
    <message>
        <source>only show what waits to be synced; send nothing</source>
        <translation>只显示等待同步的内容，不发送</translation>
    </message>
    <message>
        <source>send the rows the archive refused once more (after the county fixed the cause)</source>
        <translation>把档案库拒收的记录再发送一次（在县里排除原因之后）</translation>
    </message>
    <message>
        <source>session records from other studios</source>
        <translation>其他演播室的场次记录</translation>
    </message>
    <message>
        <source>import a JSON session record exported by another Village Studio</source>
        <translation>导入另一台村镇直播间导出的 JSON 场次记录</translation>
    </message>
    <message>
        <source>Import every session of a JSON record (from &apos;export --format json&apos;). Sessions this database already has are skipped, so importing twice is safe.</source>
        <translation>导入 JSON 记录（由 export --format json 生成）中的每个场次。本数据库已有的场次会跳过，所以重复导入也没关系。</translation>
    </message>
    <message>
        <source>the .json record</source>
        <translation>.json 记录文件</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help and exit</source>
        <translation>显示本帮助并退出</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>Data folder:     {0}</source>
        <translation>数据文件夹：{0}</translation>
    </message>
    <message>
        <source>Database:        {0}</source>
        <translation>数据库：    {0}</translation>
    </message>
    <message>
        <source>Schema revision: {0} (this version: {1})</source>
        <translation>结构版本：  {0}（本版软件：{1}）</translation>
    </message>
    <message>
        <source>Studio:          {0} ({1})</source>
        <translation>演播室：    {0}（{1}）</translation>
    </message>
    <message>
        <source>Sessions:        {0}</source>
        <translation>场次数：    {0}</translation>
    </message>
    <message>
        <source>created:  {0}</source>
        <translation>已创建：{0}</translation>
    </message>
    <message>
        <source>existing: {0}</source>
        <translation>已存在：{0}</translation>
    </message>
    <message>
        <source>OBS {0}, obs-websocket {1}</source>
        <translation>OBS {0}，obs-websocket {1}</translation>
    </message>
    <message>
        <source>Scenes: {0}</source>
        <translation>场景：{0}</translation>
    </message>
    <message>
        <source>Program: {0}</source>
        <translation>节目画面：{0}</translation>
    </message>
    <message>
        <source>missing:  {0}</source>
        <translation>缺少：  {0}</translation>
    </message>
    <message>
        <source>problem:  {0}</source>
        <translation>问题：  {0}</translation>
    </message>
    <message>
        <source>Run &apos;studio-app obs prepare&apos; to create what is missing.</source>
        <translation>请运行“studio-app obs prepare”创建缺少的内容。</translation>
    </message>
    <message>
        <source>Everything the app needs is there.</source>
        <translation>本软件所需的内容都已就绪。</translation>
    </message>
    <message>
        <source>Name the column that holds the questions: --map COLUMN=text (e.g. --map {0}=text).</source>
        <translation>请指定问题内容所在的列：--map 列名=text（例如 --map {0}=text）。</translation>
    </message>
    <message>
        <source>There is no question to import.</source>
        <translation>没有可导入的问题。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Saved {0} questions.</source>
        <translation>已保存 {0} 条问题。</translation>
    </message>
    <message>
        <source>--map wants COLUMN=FIELD, e.g. --map 问题内容=text. Fields: {0}.</source>
        <translation>--map 的格式是 列名=字段，例如 --map 问题内容=text。可用字段：{0}。</translation>
    </message>
    <message>
        <source>The file has no column “{0}”. Its columns: {1}.</source>
        <translation>文件中没有“{0}”列。现有的列：{1}。</translation>
    </message>
    <message>
        <source>“{0}” matches several sessions: give more of the id.</source>
        <translation>“{0}”对应多个场次，请输入更长的编号。</translation>
    </message>
    <message>
        <source>There is no session “{0}” in {1}.</source>
        <translation>{1} 中没有场次“{0}”。</translation>
    </message>
    <message>
        <source>There are no sessions yet: create one in Village Studio first.</source>
        <translation>还没有任何场次，请先在村镇直播间中创建场次。</translation>
    </message>
    <message>
        <source>Sessions:</source>
        <translation>场次：</translation>
    </message>
    <message>
        <source>File:         {0}</source>
        <translation>文件：    {0}</translation>
    </message>
    <message>
        <source>Sheet:        {0}</source>
        <translation>工作表：  {0}</translation>
    </message>
    <message>
        <source>Encoding:     {0}</source>
        <translation>编码：    {0}</translation>
    </message>
    <message>
        <source>Session:      {0} ({1})</source>
        <translation>场次：    {0}（{1}）</translation>
    </message>
    <message>
        <source>Columns:      {0}</source>
        <translation>列：      {0}</translation>
    </message>
    <message>
        <source>Left out:     {0}</source>
        <translation>未导入列：{0}</translation>
    </message>
    <message>
        <source>Rows read:    {0}</source>
        <translation>读取行数：{0}</translation>
    </message>
    <message>
        <source>To import:    {0}</source>
        <translation>将导入：  {0}</translation>
    </message>
    <message>
        <source>Importing:    {0}</source>
        <translation>导入：    {0}</translation>
    </message>
    <message>
        <source>Skipped:      {0}</source>
        <translation>跳过：    {0}</translation>
    </message>
    <message>
        <source>Warnings:     {0}</source>
        <translation>警告：    {0}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>……另有 {0} 项</translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>试运行：未保存任何内容。</translation>
    </message>
    <message>
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <source>rows {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <source>Unknown format “{0}”. Formats: {1}.</source>
        <translation>未知格式“{0}”。可用格式：{1}。</translation>
    </message>
    <message>
        <source>Name at least one --format.</source>
        <translation>请至少指定一个 --format。</translation>
    </message>
    <message>
        <source>Name the sessions to export: SESSION_ID…, or --all, or --from/--to (one of these).</source>
        <translation>请指定要导出的场次：SESSION_ID…、--all 或 --from/--to（三者选其一）。</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, e.g. 2026-11-01.</source>
        <translation>日期格式为 YYYY-MM-DD，例如 2026-11-01。</translation>
    </message>
    <message>
        <source>Cancelled: no half-written file was left.</source>
        <translation>已取消：没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>Exported {0} sessions into {1} files.</source>
        <translation>已将 {0} 个场次导出为 {1} 个文件。</translation>
    </message>
    <message>
        <source>Note: this is a public record: contact data, rejected questions and the audit trail are not in it.</source>
        <translation>注意：这是公开版记录，不含联系方式、不采用的问题和操作记录。</translation>
    </message>
    <message>
        <source>The record holds {0} sessions. Dry run: nothing was saved.</source>
        <translation>该记录包含 {0} 个场次。试运行：未保存任何内容。</translation>
    </message>
    <message>
        <source>Imported {0} sessions ({1} questions, {2} answers, {3} follow-ups); {4} were here already and were left as they are.</source>
        <translation>已导入 {0} 个场次（{1} 个问题、{2} 条答复、{3} 项跟进事项）；其中 {4} 个场次此前已存在，保持原样未作改动。</translation>
    </message>
    <message>
        <source>There is no keyring on this computer: the credential is used for this sync only. For later runs set {env}.</source>
        <translation>这台电脑没有密码库（keyring）：凭证只用于本次同步。以后运行时请设置 {env}。</translation>
    </message>
    <message>
        <source>{count} refused rows will be sent again.</source>
        <translation>{count} 条被拒收的记录将重新发送。</translation>
    </message>
    <message>
        <source>Set the address with: studio-app sync --url https://…</source>
        <translation>请用以下命令设置地址：studio-app sync --url https://…</translation>
    </message>
    <message>
        <source>The archive refused {count} rows; see them with &apos;studio-app sync --status&apos;.</source>
        <translation>档案库拒收了 {count} 条记录；可用“studio-app sync --status”查看。</translation>
    </message>
    <message>
        <source>Connecting to the archive…</source>
        <translation>正在连接档案库…</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>保存</translation>
    </message>
</context>
</TS>
