// jixiao web: the overview's and a unit's charts (ECharts, data from the page model), the upload
// progress bar and corrections typed beside the crops of scanned cells.
(function () {
  "use strict";
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") return null;
    var c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }
  function empty(text) {
    return { title: { text: text, left: "center", top: "middle", textStyle: { color: "#999", fontSize: 14, fontWeight: "normal" } } };
  }
  // The axis of scores (0–100): from a ten below the lowest value to 100 (or the highest value,
  // rounded up to ten, when a form prints more). ECharts' own scale widens one value v to
  // [v/2, 1.5 v] (a unit of one year whose averages agree ran to 160).
  function scoreAxis(values) {
    var nums = values.filter(function (v) { return typeof v === "number" && isFinite(v); });
    var max = nums.reduce(function (m, v) { return Math.max(m, v); }, 100);
    var min = nums.reduce(function (m, v) { return Math.min(m, v); }, 100);
    return { min: Math.max(0, Math.floor(min / 10) * 10 - 10), max: Math.ceil(max / 10) * 10 };
  }
  function overview() {
    var node = document.getElementById("overview-data");
    if (!node) return;
    var d = JSON.parse(node.textContent);
    var pts = d.scatter.map(function (p) { return [p[0], p[1], p[2]]; });
    var axis = scoreAxis(pts.reduce(function (all, p) { return all.concat([p[0], p[1]]); }, []));
    var min = axis.min, max = axis.max;
    var s = chart("chart-scatter", pts.length ? {
      animation: false,
      tooltip: { formatter: function (p) { return "表 " + p.value[2] + "<br>填报 " + p.value[0] + "　重算 " + p.value[1]; } },
      xAxis: { name: "填报总分", min: min, max: max }, yAxis: { name: "重算总分", min: min, max: max },
      grid: { left: 50, right: 70, top: 30, bottom: 40 },
      series: [{ type: "scatter", symbolSize: 7, data: pts, itemStyle: { color: "#a32020", opacity: 0.6 } },
               { type: "line", data: [[min, min], [max, max]], symbol: "none", lineStyle: { color: "#999", type: "dashed" }, tooltip: { show: false } }]
    } : empty("暂无数据"));
    if (s) s.on("click", function (p) { if (p.seriesIndex === 0) window.location = "/forms/" + p.value[2]; });
    var codes = d.findings_by_code.slice(0, 15).reverse();
    chart("chart-codes", codes.length ? {
      animation: false, tooltip: {}, grid: { left: 190, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: codes.map(function (c) { return c.title; }), axisLabel: { width: 175, overflow: "truncate" } },
      series: [{ type: "bar", barMaxWidth: 26, data: codes.map(function (c) { return c.count; }), itemStyle: { color: "#1a4f9c" } }]
    } : empty("暂无审核发现"));
    var inf = d.inflation_by_unit.slice().reverse();
    chart("chart-inflation", inf.length ? {
      animation: false, tooltip: {}, grid: { left: 190, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", name: "分" },
      yAxis: { type: "category", data: inf.map(function (u) { return u[0]; }), axisLabel: { width: 175, overflow: "truncate" } },
      series: [{ type: "bar", barMaxWidth: 26, data: inf.map(function (u) { return u[1]; }), itemStyle: { color: "#a15c00" } }]
    } : empty("暂无数据"));
    // recomputed grades, then the printed grades of forms whose total could not be recomputed,
    // as series of their own ("良（填报）"), paler, in the same stack
    var printed = d.printed_grades_by_year || {};
    var years = Object.keys(d.grades_by_year).concat(Object.keys(printed)).filter(function (y, i, all) { return all.indexOf(y) === i; }).sort();
    var order = ["优", "良", "中", "差"];
    function gradesOf(byYear) {
      var found = [];
      Object.keys(byYear).forEach(function (y) { Object.keys(byYear[y]).forEach(function (g) { if (found.indexOf(g) < 0) found.push(g); }); });
      return found.sort(function (a, b) { return (order.indexOf(a) + 10) % 14 - (order.indexOf(b) + 10) % 14; });
    }
    function bars(byYear, g, name, opacity) {
      return { name: name, type: "bar", stack: "g", barMaxWidth: 60, itemStyle: { opacity: opacity },
        data: years.map(function (y) { return (byYear[y] || {})[g] || 0; }) };
    }
    chart("chart-grades", years.length ? {
      animation: false, tooltip: {}, legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: years }, yAxis: { type: "value", name: "表格数" },
      series: gradesOf(d.grades_by_year).map(function (g) { return bars(d.grades_by_year, g, g, 1); })
        .concat(gradesOf(printed).map(function (g) { return bars(printed, g, g + "（填报）", 0.45); }))
    } : empty("暂无数据"));
  }
  function unitYears() {
    var node = document.getElementById("unit-data");
    if (!node) return;
    var rows = JSON.parse(node.textContent).filter(function (y) { return y.year; });
    var axis = scoreAxis(rows.reduce(function (all, y) { return all.concat([y.printed_average, y.computed_average]); }, []));
    chart("chart-years", rows.length ? {
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: rows.map(function (y) { return String(y.year); }) },
      yAxis: { type: "value", name: "分", min: axis.min, max: axis.max },
      series: [
        { name: "填报平均分", type: "line", data: rows.map(function (y) { return y.printed_average; }), itemStyle: { color: "#a32020" } },
        { name: "重算平均分", type: "line", data: rows.map(function (y) { return y.computed_average; }), itemStyle: { color: "#1a4f9c" } }
      ]
    } : empty("暂无数据"));
  }
  document.addEventListener("DOMContentLoaded", function () {
    overview();
    unitYears();
    // a button that changes many forms at once asks first (data-confirm: what it will do)
    document.body.addEventListener("submit", function (e) {
      var b = e.submitter;
      var ask = b && b.getAttribute && b.getAttribute("data-confirm");
      if (ask && !window.confirm(ask)) e.preventDefault();
    });
    var sheet = document.getElementById("sheet");
    // the unit's sheet saves field by field (htmx); Enter in a cell must not post the whole page
    if (sheet && sheet.tagName === "FORM") sheet.addEventListener("submit", function (e) { if (e.target === sheet) e.preventDefault(); });
    // a correction typed beside a scanned cell's crop goes through the sheet's own edit path
    document.body.addEventListener("change", function (e) {
      var name = e.target.getAttribute && e.target.getAttribute("data-mirror");
      if (!name || !sheet) return;
      var field = sheet.querySelector('[name="' + name + '"]');
      if (!field) return;
      field.value = e.target.value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    var files = document.getElementById("files");
    if (files) files.addEventListener("change", function () {
      var names = Array.prototype.map.call(files.files, function (f) { return f.name; });
      document.getElementById("chosen").textContent = names.length ? "已选 " + names.length + " 个文件：" + names.join("、") : "未选择文件";
    });
    // a request made in the page that fails must say so: htmx swaps nothing on an error answer
    function notify(text) {
      var box = document.getElementById("notice");
      if (!box) return;
      document.getElementById("notice-text").textContent = text;
      box.hidden = false;
    }
    var close = document.getElementById("notice-close");
    if (close) close.addEventListener("click", function () { document.getElementById("notice").hidden = true; });
    document.body.addEventListener("htmx:responseError", function (e) {
      var xhr = e.detail.xhr, text = "";
      try {
        var d = JSON.parse(xhr.responseText);
        if (typeof d.detail === "string") text = d.detail;
      } catch (_) {
        if (/^text\/plain/.test(xhr.getResponseHeader("content-type") || "")) text = xhr.responseText.slice(0, 300);
      }
      notify("操作未完成：" + (text || "服务器返回错误（" + xhr.status + "），请刷新页面后重试"));
    });
    document.body.addEventListener("htmx:sendError", function () {
      notify("操作未完成：无法连接服务器，请检查网络后重试");
    });
    document.body.addEventListener("htmx:xhr:progress", function (e) {
      var bar = document.getElementById("upload-progress");
      if (bar && e.detail.lengthComputable) { bar.hidden = false; bar.value = e.detail.loaded / e.detail.total * 100; }
    });
  });
})();
