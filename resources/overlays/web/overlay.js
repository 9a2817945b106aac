// The browser-source overlay: draws the app's overlay state (OverlayState.to_json()) as it
// arrives over Server-Sent Events. Every text goes in with textContent, never as HTML, so a
// question like "<script>…" is shown as typed and nothing in it runs.
(function () {
  "use strict";

  const REFERENCE = { width: 1920, height: 1080 };
  const ELEMENTS = ["question", "coming_up", "lower_third"];
  const FALLBACK_FONTS =
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\([0-9.,%\s]+\))$/;
  const TRANSITION_MS = 350;
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 10000;

  // Equal to resources/overlays/default/theme.json; /overlay/theme.json overrides it.
  const theme = {
    fontSizes: {
      question_heading: 30, question_text: 50, question_footer: 28,
      coming_up_heading: 28, coming_up_item: 28,
      name: 52, title: 32, department: 28, agenda: 30,
    },
    minFontSize: 26,
    lineHeight: 1.4,
    maxComingUpItems: 3,
    boxes: {
      question: { x: 1000, y: 546, width: 824, height: 480 },
      coming_up: { x: 1344, y: 54, width: 480, height: 320 },
      lower_third: { x: 96, y: 806, width: 880, height: 220 },
    },
  };

  const stage = document.getElementById("stage");
  const nodes = {};
  const drawn = {};  // element → the JSON of what it shows now ("" = hidden)
  let current = null;

  function $(element, selector) {
    return nodes[element].querySelector(selector);
  }

  function isNumber(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  function dashed(key) {
    return String(key).replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase();
  }

  function setText(node, value) {
    node.textContent = value === undefined || value === null ? "" : String(value);
  }

  // Like the PNG renderer: normalised line ends, no blank lines, no outer whitespace.
  function cleanText(value) {
    return String(value || "")
      .replace(/\r\n?|\u2028/g, "\n")
      .replace(/\n\s*\n+/g, "\n")
      .split("\n").map((line) => line.trim()).join("\n")
      .trim();
  }

  // ---------------------------------------------------------------- theme and layout
  function applyTheme(data) {
    if (!data || typeof data !== "object") return;
    const root = document.documentElement.style;
    if (typeof data.font_family === "string" && data.font_family.trim()) {
      const family = data.font_family.replace(/["\\\r\n;{}]/g, "").trim();
      root.setProperty("--font-family", `"${family}", ${FALLBACK_FONTS}`);
    }
    if (data.colors && typeof data.colors === "object") {
      for (const [key, value] of Object.entries(data.colors)) {
        if (typeof value === "string" && COLOR.test(value.trim())) {
          root.setProperty(`--color-${dashed(key)}`, value.trim());
        }
      }
    }
    if (data.font_sizes && typeof data.font_sizes === "object") {
      for (const [key, value] of Object.entries(data.font_sizes)) {
        if (isNumber(value) && value > 0) {
          theme.fontSizes[key] = value;
          root.setProperty(`--size-${dashed(key)}`, `${value}px`);
        }
      }
    }
    if (isNumber(data.min_font_size) && data.min_font_size > 0) {
      theme.minFontSize = data.min_font_size;
    }
    if (isNumber(data.line_height) && data.line_height >= 1) {
      theme.lineHeight = data.line_height;
      root.setProperty("--line-height", String(data.line_height));
    }
    if (isNumber(data.corner_radius) && data.corner_radius >= 0) {
      root.setProperty("--radius", `${data.corner_radius}px`);
    }
    if (isNumber(data.padding) && data.padding >= 0) {
      root.setProperty("--padding", `${data.padding}px`);
    }
    if (isNumber(data.max_coming_up_items) && data.max_coming_up_items >= 1) {
      theme.maxComingUpItems = Math.floor(data.max_coming_up_items);
    }
    if (data.boxes && typeof data.boxes === "object") {
      for (const element of ELEMENTS) {
        const box = data.boxes[element];
        if (box && ["x", "y", "width", "height"].every((k) => isNumber(box[k]))) {
          theme.boxes[element] = { x: box.x, y: box.y, width: box.width, height: box.height };
        }
      }
    }
  }

  function placeElements() {
    for (const element of ELEMENTS) {
      const box = theme.boxes[element];
      const node = nodes[element];
      // Panels grow from the screen edge they are near: up from a box in the lower half,
      // down from one in the upper half, so a short text makes a small panel at that edge.
      const bottom = box.y + box.height / 2 > REFERENCE.height / 2;
      node.classList.toggle("anchor-bottom", bottom);
      node.classList.toggle("anchor-top", !bottom);
      node.style.left = `${box.x}px`;
      node.style.width = `${box.width}px`;
      if (bottom) {
        node.style.top = "auto";
        node.style.bottom = `${REFERENCE.height - box.y - box.height}px`;
      } else {
        node.style.top = `${box.y}px`;
        node.style.bottom = "auto";
      }
    }
  }

  function scaleStage() {
    const scale = Math.min(
      window.innerWidth / REFERENCE.width,
      window.innerHeight / REFERENCE.height,
    );
    stage.style.transform = `scale(${scale > 0 ? scale : 1})`;
  }

  async function loadTheme() {
    try {
      const response = await fetch("/overlay/theme.json", { cache: "no-store" });
      if (response.ok) applyTheme(await response.json());
    } catch (error) {
      // No theme file, or a broken one: the built-in look stays.
    }
    placeElements();
    redraw();
  }

  // ---------------------------------------------------------------- fitting text
  // An element's height follows its content (it grows away from its screen edge); it must
  // stay within its theme box.
  function overflows(element) {
    return nodes[element].offsetHeight > theme.boxes[element].height + 0.5;
  }

  function fitQuestion() {
    const text = $("question", ".text");
    text.classList.remove("clamped");
    text.style.removeProperty("-webkit-line-clamp");
    let size = theme.fontSizes.question_text;
    text.style.fontSize = `${size}px`;
    while (overflows("question") && size > theme.minFontSize) {
      size = Math.max(theme.minFontSize, size - 2);
      text.style.fontSize = `${size}px`;
    }
    if (overflows("question")) {
      // Still too long at the smallest size: cut it with "…" after as many lines as fit.
      const excess = nodes.question.offsetHeight - theme.boxes.question.height;
      const lineHeight = size * theme.lineHeight;
      const lines = Math.max(1, Math.floor((text.offsetHeight - excess) / lineHeight));
      text.classList.add("clamped");
      text.style.setProperty("-webkit-line-clamp", String(lines));
    }
  }

  function fitComingUp(items) {
    const list = $("coming_up", ".items");
    let size = theme.fontSizes.coming_up_item;
    let lines = 2;
    let count = items.length;
    const fill = () => {
      list.replaceChildren();
      for (const item of items.slice(0, count)) {
        const li = document.createElement("li");
        const text = document.createElement("span");
        setText(text, cleanText(item));
        text.style.setProperty("-webkit-line-clamp", String(lines));
        li.style.fontSize = `${size}px`;
        li.append(text);
        list.append(li);
      }
    };
    // Too little room: smaller text, then one line per question, then fewer questions.
    fill();
    while (overflows("coming_up") && size > theme.minFontSize) {
      size = Math.max(theme.minFontSize, size - 2);
      fill();
    }
    if (overflows("coming_up")) {
      lines = 1;
      fill();
    }
    while (overflows("coming_up") && count > 1) {
      count -= 1;
      fill();
    }
  }

  function fitLowerThird() {
    const parts = [
      [".name", "name"], [".title", "title"], [".department", "department"], [".agenda", "agenda"],
    ];
    const smallest = Math.min(...parts.map(([, key]) => theme.fontSizes[key]));
    const floor = Math.min(1, theme.minFontSize / smallest);
    let factor = 1;
    const apply = () => {
      for (const [selector, key] of parts) {
        $("lower_third", selector).style.fontSize = `${theme.fontSizes[key] * factor}px`;
      }
    };
    apply();
    while (overflows("lower_third") && factor > floor) {
      factor = Math.max(floor, factor - 0.05);
      apply();
    }
  }

  // ---------------------------------------------------------------- drawing
  function fill(element, data) {
    if (element === "question") {
      setText($("question", ".heading"), data.heading);
      $("question", ".heading").classList.add("chip");
      $("question", ".heading").hidden = !data.heading;
      setText($("question", ".ask-count"), data.ask_count_text);
      $("question", ".ask-count").classList.add("chip");
      $("question", ".ask-count").hidden = !data.ask_count_text;
      $("question", ".heading-row").hidden = !data.heading && !data.ask_count_text;
      setText($("question", ".text"), cleanText(data.text));
      setText($("question", ".asker"), data.asker);
      setText($("question", ".source"), data.source);
      $("question", ".footer").classList.toggle("empty", !data.asker && !data.source);
      fitQuestion();
    } else if (element === "coming_up") {
      setText($("coming_up", ".heading"), data.heading);
      $("coming_up", ".heading").hidden = !data.heading;
      const items = Array.isArray(data.items) ? data.items : [];
      fitComingUp(items.slice(0, theme.maxComingUpItems));
    } else {
      setText($("lower_third", ".name"), data.name);
      setText($("lower_third", ".title"), data.title);
      setText($("lower_third", ".department"), data.department);
      setText($("lower_third", ".agenda"), data.agenda_title);
      $("lower_third", ".name-row").classList.toggle("empty", !data.name && !data.title);
      fitLowerThird();
    }
  }

  function show(element, data, signature) {
    const node = nodes[element];
    clearTimeout(node.hideTimer);
    const wasShown = node.classList.contains("shown");
    node.hidden = false;  // laid out (still transparent) so the text can be measured
    fill(element, data);
    node.dataset.visible = "true";
    if (wasShown) {
      if (drawn[element] !== signature) {
        node.classList.remove("changed");
        void node.offsetWidth;  // restart the animation
        node.classList.add("changed");
      }
    } else {
      void node.offsetWidth;  // start the transition from the hidden look
      node.classList.add("shown");
    }
    drawn[element] = signature;
  }

  function hide(element) {
    const node = nodes[element];
    node.dataset.visible = "false";
    drawn[element] = "";
    if (node.hidden) return;
    node.classList.remove("shown", "changed");
    clearTimeout(node.hideTimer);
    node.hideTimer = setTimeout(() => {
      if (!node.classList.contains("shown")) node.hidden = true;
    }, TRANSITION_MS + 50);
  }

  function render(state, force) {
    current = state;
    for (const element of ELEMENTS) {
      const data = state && typeof state === "object" ? state[element] : null;
      if (data && typeof data === "object") {
        const signature = JSON.stringify(data);
        if (force || drawn[element] !== signature) show(element, data, signature);
      } else {
        hide(element);
      }
    }
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  }

  function redraw() {
    if (current) render(current, true);
  }

  // ---------------------------------------------------------------- live updates
  let retryMs = RETRY_MIN_MS;

  function connect() {
    const source = new EventSource("/overlay/events");
    source.onopen = () => {
      retryMs = RETRY_MIN_MS;
      document.body.dataset.connection = "open";
    };
    source.onmessage = (event) => {
      let state;
      try {
        state = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      render(state, false);
    };
    source.onerror = () => {
      document.body.dataset.connection = "retrying";
      // EventSource retries by itself after a dropped stream, but gives up for good after
      // an HTTP error (the app restarting): then start over, waiting a little longer each
      // time. What is on screen stays until the app sends the state again.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(() => {
          loadTheme();
          connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    };
  }

  for (const element of ELEMENTS) nodes[element] = document.getElementById(element);
  document.body.dataset.connection = "connecting";
  scaleStage();
  window.addEventListener("resize", scaleStage);
  placeElements();
  loadTheme().then(connect);
})();
