<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaListModel</name>
    <message>
        <source>(%1 min)</source>
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
    <name>ControlPanel</name>
    <message>
        <source>Health</source>
        <translation>运行状况</translation>
    </message>
    <message>
        <source>OBS</source>
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
        <source>Live control</source>
        <translation>直播控制</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <extracomment>Filled by the live controller once OBS is wired in.</extracomment>
        <translation>直播(&amp;L)</translation>
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
        <extracomment>Tries settings and returns the connection verdict (a throw-away gateway in the app).</extracomment>
        <translation>OBS 连接</translation>
    </message>
    <message>
        <source>Show</source>
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
        <extracomment>Role returning the scene&apos;s name (the display text carries a shortcut number). Role returning the agenda item&apos;s ``uuid.UUID``. Scenes 1–9 have Ctrl+1 … Ctrl+9.</extracomment>
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
