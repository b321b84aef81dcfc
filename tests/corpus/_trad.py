"""Simplified → traditional for the corpus' traditional-character forms.

A character table of our own (covering the labels and the vocabulary the generator uses), as a
page converter would apply it; characters it does not list stay as they are, as with real
converters that miss a few. The answers keep whatever this prints.
"""

from __future__ import annotations

_PAIRS = (
    "项項绩績标標产產数數质質时時济濟会會态態续續响響满滿务務对對预預执執资資万萬总總实實况況单單"
    "门門称稱级級进進措措当當财財政政拨撥结結转轉区區县縣乡鄉镇鎮护護养養员員设設备備业業农農发發"
    "达達准準个個处處场場户戶条條张張辆輛亿億为為与與运運营營开開关關应應统統计計调調检檢验驗"
    "规規范範责責监監测測网網络絡设設览覽务務车車辆輛电電话話负負责責织織训訓练練导導卫衛现現"
    "织織传傳承承遗遺护護览覽节節约約环環卫衛处處垃垃圾圾无無害害气氣象象站站报報时時长長维維"
    "扑撲机機具具隔隔离離带帶宣宣传傳覆覆盖蓋联聯动動机機健健全全贫貧脱脫测測钢鋼架架"
    "仓倉储儲库庫冷冷链鏈带帶动動户戶收收入入益益群群众眾满滿硬硬化化产產道道路路错錯车車"
    "桥橋改改造造程程优優良良中中等等交交工工验驗合合格格时時间間成成本本安安全全事事故故"
    "数數据據据據质質读讀书書馆館图圖馆館阅閱览覽约約订訂审審价價确確认認议議论論级級给給"
    "绿綠环環职職残殘疾疾儿兒童童复復救救助助适適配配辅輔器器具具机機构構训訓练練减減轻輕庭庭"
    "燃燃气氣老老旧舊管管线線输輸差差损損讲講课課后後学學校校师師补補贴貼标標准準接接送送"
    "河河综綜合合治治理理淤淤疏疏浚浚岸岸态態断斷面面沿沿汛汛电電商商务務进進乡鄉村村级級"
    "点點线線网網零零售售额額递遞时時邮郵体體系系统統稳穩定定运運动動员員养養非非遗遺传傳展展演演"
    "项項档檔案案库庫资資料料场場览覽观觀众眾梯梯队隊壮壯应應急急避避难難所所储儲轮輪换換辖轄"
    "内內请請审審态態组組织織练練预預警警发發布布众眾公公众眾维維护護服服务務质質资資环環处處置置"
    "确確认認准準测測试試频頻数數线線压壓缩縮额額调調后後赋賦权權负負债債价價值值说說设設据據"
    "计計划劃历歷史史仪儀拟擬标標称稱单單号號码碼页頁经經费費额額报報销銷时時间間运運维維"
    "节節减減试試验驗验驗收收决決议議证證书書础礎层層极極为為万萬"
)

TABLE = {ord(_PAIRS[k]): _PAIRS[k + 1] for k in range(0, len(_PAIRS) - 1, 2)}


def to_trad(text: str) -> str:
    return text.translate(TABLE)
