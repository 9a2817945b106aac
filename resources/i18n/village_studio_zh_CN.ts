<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <extracomment>How long quitting waits for in-flight saves before cancelling them.
----------
Scripts may pass the OBS password here instead of the keyring (never on the command line).</extracomment>
        <translation>我的演播室</translation>
    </message>
</context>
<context>
    <name>cli</name>
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
</context>
</TS>
